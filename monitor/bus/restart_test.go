package bus

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// TestConsumerOutlivesNATSRestart: the NATS server stops and comes back on
// the same port and store; the ledger's consumer carries on and applies a
// finding published after the restart.
func TestConsumerOutlivesNATSRestart(t *testing.T) {
	store := t.TempDir()
	opts := &server.Options{Host: "127.0.0.1", Port: -1, JetStream: true, StoreDir: store, NoLog: true, NoSigs: true}
	start := func() *server.Server {
		ns, err := server.NewServer(opts)
		if err != nil {
			t.Fatal(err)
		}
		ns.Start()
		if !ns.ReadyForConnections(10 * time.Second) {
			t.Fatal("NATS not ready")
		}
		return ns
	}
	ns := start()
	opts.Port = ns.Addr().(*net.TCPAddr).Port
	url := ns.ClientURL()
	b, err := Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if err := b.EnsureStreams(ctx); err != nil {
		t.Fatal(err)
	}
	r := &received{}
	cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- b.Consume(cctx, "ledger", r.handle, func(string, error) {}, nil) }()
	if err := b.PublishFinding(ctx, "c1", finding("dc", "link.broken", "http://x/a")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, r, 1)

	ns.Shutdown()
	ns.WaitForShutdown()
	ns = start()
	defer ns.Shutdown()
	pctx, pcancel := context.WithTimeout(ctx, 30*time.Second)
	defer pcancel()
	for pctx.Err() == nil { // publishing waits out the client's reconnect
		if err = b.PublishFinding(pctx, "c2", finding("dc", "link.broken", "http://x/b")); err == nil {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("publish after the restart: %v", err)
	}
	waitFor(t, r, 2)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("consumer: %v", err)
	}
}

func waitFor(t *testing.T, r *received, n int) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		r.mu.Lock()
		got := len(r.envs)
		r.mu.Unlock()
		if got >= n {
			return
		}
	}
	t.Fatalf("the consumer did not get %d messages", n)
}
