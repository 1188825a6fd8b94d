package ledger

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ledger.db")
	f := finding("privacy.phone", "gd-portal", "https://www.example.gov.cn/b.html", "", day(0))

	l, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	mustRecord(t, l, "c0", f)
	mustComplete(t, l, "c1", "gd-portal", allChecks, nil, true, day(1))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	l, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	e := mustGet(t, l, f.ID)
	if e.Status != StatusRectified || !e.FirstSeen.Equal(day(0)) || !e.RectifiedAt.Equal(day(1)) || e.Evidence != f.Evidence {
		t.Fatalf("after reopen: %+v", e)
	}
	h, err := l.History(ctx, f.ID)
	if err != nil || len(h) != 2 {
		t.Fatalf("history after reopen: %v, %v", h, err)
	}
	var mode string
	if err := l.reader.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode = %q, %v; want wal", mode, err)
	}
	var version int
	if err := l.reader.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil || version != len(migrations) {
		t.Fatalf("user_version = %d, %v; want %d", version, err, len(migrations))
	}
}

func TestOpenErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("这不是数据库 not a database\n", 400)), 0o644); err != nil {
		t.Fatal(err)
	}
	newer := filepath.Join(dir, "newer.db")
	{
		l, err := Open(newer)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := l.writer.Exec("PRAGMA user_version = 99"); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}

	tests := []struct {
		name, path, want string
	}{
		{"garbage file", garbage, "not a SQLite database"},
		{"schema from a newer govwatch", newer, "newer than this govwatch"},
		{"missing directory", filepath.Join(dir, "no", "such", "ledger.db"), "directory"},
		{"question mark in path", filepath.Join(dir, "a?b.db"), "must not contain"},
		{"path is a directory", dir, "is a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Open(tt.path)
			if err == nil {
				l.Close()
				t.Fatal("no error")
			}
			t.Log(err)
			if !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error does not name %s: %v", tt.path, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not say %q: %v", tt.want, err)
			}
		})
	}
}

func TestOpenReadOnlyDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		// Root ignores permission bits; sysfs refuses new files even to root.
		dir = "/sys"
		if f, err := os.CreateTemp(dir, "probe"); err == nil {
			f.Close()
			os.Remove(f.Name())
			t.Skip("running as root and no read-only directory to try")
		}
	}
	path := filepath.Join(dir, "ledger.db")
	l, err := Open(path)
	if err == nil {
		l.Close()
		t.Fatal("no error for a read-only directory")
	}
	t.Log(err)
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "not writable") {
		t.Errorf("unclear error: %v", err)
	}
}
