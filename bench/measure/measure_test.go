package measure

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	Main() // the test binary is the intermediate too
	os.Exit(m.Run())
}

func TestRun(t *testing.T) {
	out, _ := os.CreateTemp(t.TempDir(), "out")
	defer out.Close()
	r, err := Run(context.Background(), []string{"sh", "-c", "exit 3"}, "", out)
	if err != nil || r.ExitCode != 3 || r.RSSMiB <= 0 || r.TimedOut {
		t.Fatalf("got %+v, %v", r, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r, err = Run(ctx, []string{"sleep", "30"}, "", out)
	if err != nil || !r.TimedOut || r.RSSMiB <= 0 || r.Wall > 10*time.Second {
		t.Fatalf("a command past its limit is stopped and still measured: %+v, %v", r, err)
	}
	r, err = Run(context.Background(), []string{"/no/such/tool"}, "", out)
	if err != nil || r.ExitCode != -1 {
		t.Fatalf("a tool that does not start: %+v, %v", r, err)
	}
}
