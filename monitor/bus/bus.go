// Package bus carries findings and crawl summaries over NATS JetStream
// (DESIGN.md, NATS): an embedded single-node server with its store under the
// data dir by default, or an existing cluster. Findings are published on
// govwatch.finding.<site>.<check> with a message id, so a crawl redone after
// a worker died does not double them; a crawl's end is a summary on
// govwatch.crawl.done.<site> naming the checks that ran and the findings seen.
package bus

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Stream and subject names (DESIGN.md).
const (
	FindingsStream  = "GOVWATCH_FINDINGS"
	findingSubjects = "govwatch.finding.>"
	doneSubjects    = "govwatch.crawl.done.>"
)

// maxPayload is the embedded server's message size limit: a crawl summary
// lists every finding id it saw.
const maxPayload = 8 << 20

// Bus is a connection to JetStream, and the embedded server when it runs one.
type Bus struct {
	nc     *nats.Conn
	js     jetstream.JetStream
	server *server.Server // nil for an external cluster
}

// Embedded starts a single-node NATS server with JetStream stored under dir,
// without a network listener, and connects to it in-process.
func Embedded(dir string) (*Bus, error) {
	ns, err := server.NewServer(&server.Options{
		ServerName: "govwatch", JetStream: true, StoreDir: dir, DontListen: true,
		NoSigs: true, NoLog: true, MaxPayload: maxPayload,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded NATS in %s: %w", dir, err)
	}
	ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		return nil, fmt.Errorf("embedded NATS in %s: not ready after 10 s", dir)
	}
	nc, err := nats.Connect(ns.ClientURL(), nats.InProcessServer(ns), nats.Name("govwatch"))
	if err != nil {
		ns.Shutdown()
		return nil, fmt.Errorf("embedded NATS: %w", err)
	}
	b, err := wrap(nc)
	if err != nil {
		ns.Shutdown()
		return nil, err
	}
	b.server = ns
	return b, nil
}

// Connect connects to an existing NATS cluster: urls is a comma-separated
// list (nats://a:4222,nats://b:4222).
func Connect(urls string) (*Bus, error) {
	nc, err := nats.Connect(urls, nats.Name("govwatch"), nats.MaxReconnects(-1), nats.RetryOnFailedConnect(true))
	if err != nil {
		return nil, fmt.Errorf("NATS %s: %w", urls, err)
	}
	return wrap(nc)
}

func wrap(nc *nats.Conn) (*Bus, error) {
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream: %w", err)
	}
	return &Bus{nc: nc, js: js}, nil
}

// Another opens a second connection to the same server or cluster (a
// worker of its own); closing it leaves the first one and the server be.
func (b *Bus) Another() (*Bus, error) {
	var nc *nats.Conn
	var err error
	if b.server != nil {
		nc, err = nats.Connect(b.server.ClientURL(), nats.InProcessServer(b.server), nats.Name("govwatch"))
	} else {
		nc, err = nats.Connect(strings.Join(b.nc.Servers(), ","), nats.Name("govwatch"), nats.MaxReconnects(-1))
	}
	if err != nil {
		return nil, fmt.Errorf("NATS: %w", err)
	}
	return wrap(nc)
}

// Close drains the connection and stops the embedded server.
func (b *Bus) Close() {
	b.nc.Drain()
	b.nc.Close()
	if b.server != nil {
		b.server.Shutdown()
		b.server.WaitForShutdown()
	}
}

// EnsureStreams creates or updates the findings stream: limits retention,
// kept a year (the quarterly notices and `ledger rebuild` read it), three
// replicas on a cluster of three or more. A cluster that has not elected a
// leader yet answers "no responders": retried until ctx ends.
func (b *Bus) EnsureStreams(ctx context.Context) error {
	replicas := b.replicas()
	cfg := jetstream.StreamConfig{
		Name: FindingsStream, Subjects: []string{findingSubjects, doneSubjects},
		Retention: jetstream.LimitsPolicy, Storage: jetstream.FileStorage, MaxAge: 366 * 24 * time.Hour,
		Duplicates: 10 * time.Minute, Replicas: replicas, MaxMsgSize: maxPayload,
	}
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		_, err := b.js.CreateOrUpdateStream(ctx, cfg)
		if err == nil || !errors.Is(err, nats.ErrNoResponders) && !errors.Is(err, jetstream.ErrNoStreamResponse) {
			if err != nil {
				return fmt.Errorf("stream %s: %w", FindingsStream, err)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("stream %s: %w (last: %v)", FindingsStream, ctx.Err(), err)
		case <-time.After(wait):
		}
	}
}

// token makes a config id safe as one subject token: ids may hold dots
// (a site id made from a host name), which would split it in two.
func token(id string) string {
	if id == "" {
		return "_"
	}
	return strings.NewReplacer(".", "_", "*", "_", ">", "_", " ", "_").Replace(id)
}
