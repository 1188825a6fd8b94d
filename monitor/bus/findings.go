package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/govwatch/govwatch/checks"
)

// CrawlDone is the summary a worker publishes at the end of a crawl: the
// ledger rectifies, for a complete crawl, the site's open findings of the
// checks that ran that the crawl no longer saw.
type CrawlDone struct {
	CrawlID  string    `json:"crawl_id"`
	Site     string    `json:"site"`
	Checks   []string  `json:"checks"` // check ids that ran
	Seen     []string  `json:"seen"`   // finding ids
	Complete bool      `json:"complete"`
	At       time.Time `json:"at"`
}

// Envelope is one message of the findings stream: a finding of a crawl, or
// a crawl's end.
type Envelope struct {
	CrawlID string          `json:"crawl_id"`
	Finding *checks.Finding `json:"finding,omitempty"`
	// Key is the finding's Key, which its JSON leaves out (it is part of
	// the id only); carried so a consumer sees the finding whole.
	Key  string     `json:"key,omitempty"`
	Done *CrawlDone `json:"done,omitempty"`
}

// maxSeen bounds the ids a summary lists; a crawl that saw more is sent as
// incomplete, so that it rectifies nothing rather than the wrong things.
const maxSeen = maxPayload / 40

// PublishFinding publishes a finding of crawlID. Its message id is the crawl
// and the finding: the same crawl redone (a job redelivered) is dropped by
// the stream's duplicate window, a later crawl is recorded.
func (b *Bus) PublishFinding(ctx context.Context, crawlID string, f checks.Finding) error {
	data, err := json.Marshal(Envelope{CrawlID: crawlID, Finding: &f, Key: f.Key})
	if err != nil {
		return err
	}
	subject := "govwatch.finding." + token(f.Site) + "." + token(f.Check)
	if _, err := b.js.Publish(ctx, subject, data, jetstream.WithMsgID(crawlID+"/"+f.ID)); err != nil {
		return fmt.Errorf("publish %s: %w", subject, err)
	}
	return nil
}

// PublishDone publishes the end of a crawl, after all its findings.
func (b *Bus) PublishDone(ctx context.Context, d CrawlDone) error {
	if len(d.Seen) > maxSeen {
		d.Seen, d.Complete = nil, false
	}
	data, err := json.Marshal(Envelope{CrawlID: d.CrawlID, Done: &d})
	if err != nil {
		return err
	}
	subject := "govwatch.crawl.done." + token(d.Site)
	if _, err := b.js.Publish(ctx, subject, data, jetstream.WithMsgID(d.CrawlID+"/done")); err != nil {
		return fmt.Errorf("publish %s: %w", subject, err)
	}
	return nil
}

// Handler applies a batch of messages, in stream order; an error leaves the
// whole batch unacknowledged, to come again (handlers are idempotent).
type Handler func(ctx context.Context, batch []Envelope) error

// Malformed is the error of a message that can never be applied: it is
// terminated, not redelivered forever.
type Malformed struct{ Err error }

func (m *Malformed) Error() string { return "malformed message: " + m.Err.Error() }
func (m *Malformed) Unwrap() error { return m.Err }

// Consume reads the findings stream with the durable consumer name, in
// order and in batches of up to 500, applying each batch with h, until ctx
// ends, or, once drain is closed, until it has caught up with the stream.
// Messages are acked after h returns, so a consumer that dies redelivers
// what it had not applied. A message that does not decode is terminated and
// passed to bad.
func (b *Bus) Consume(ctx context.Context, name string, h Handler, bad func(subject string, err error), drain <-chan struct{}) error {
	cons, err := b.js.CreateOrUpdateConsumer(ctx, FindingsStream, jetstream.ConsumerConfig{
		// AckAll: acking a batch's last message acks the batch, one ack
		// instead of 500.
		Durable: name, AckPolicy: jetstream.AckAllPolicy, DeliverPolicy: jetstream.DeliverAllPolicy,
		MaxAckPending: 1000, AckWait: time.Minute,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", name, err)
	}
	for ctx.Err() == nil {
		// Whatever is there, up to 500, at once; when nothing is, wait for
		// the next message: batches under load, no lag when quiet.
		batch, err := cons.FetchNoWait(500)
		var msgs []jetstream.Msg
		var envs []Envelope
		take := func(msg jetstream.Msg) {
			e, err := decode(msg.Data())
			if err != nil {
				bad(msg.Subject(), err)
				msg.Term()
				return
			}
			msgs, envs = append(msgs, msg), append(envs, e)
		}
		got := 0
		if err == nil {
			for msg := range batch.Messages() {
				got++
				take(msg)
			}
		}
		if err == nil && got == 0 {
			batch, err = cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
			if err == nil {
				for msg := range batch.Messages() {
					got++
					take(msg)
				}
			}
		}
		if err != nil {
			// A cluster losing a node, or a leader election, answers
			// errors for a while: wait and fetch again.
			if !sleep(ctx, time.Second) {
				break
			}
			continue
		}
		if got == 0 {
			select {
			case <-drain:
				return nil // caught up, and asked to stop when so
			default:
			}
			continue
		}
		if err = h(ctx, envs); err == nil {
			if len(msgs) > 0 {
				msgs[len(msgs)-1].Ack()
			}
			continue
		}
		for _, msg := range msgs {
			msg.NakWithDelay(time.Second)
		}
	}
	return nil
}

func decode(data []byte) (Envelope, error) {
	var e Envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return e, &Malformed{Err: err}
	}
	switch {
	case e.Finding != nil && (e.Finding.ID == "" || e.Finding.Site == "" || e.Finding.Check == ""):
		return e, &Malformed{Err: errors.New("a finding without id, site or check")}
	case e.Finding != nil:
		e.Finding.Key = e.Key
	case e.Done == nil:
		return e, &Malformed{Err: errors.New("neither a finding nor a crawl summary")}
	}
	return e, nil
}

// Replay reads the whole findings stream, as it stands when called, from
// the first message, handing it to h in batches; for rebuilding a ledger.
// It returns how many messages it applied.
func (b *Bus) Replay(ctx context.Context, h Handler, bad func(subject string, err error)) (int, error) {
	info, err := b.js.Stream(ctx, FindingsStream)
	if err != nil {
		return 0, fmt.Errorf("stream %s: %w", FindingsStream, err)
	}
	last := info.CachedInfo().State.LastSeq
	cons, err := b.js.OrderedConsumer(ctx, FindingsStream, jetstream.OrderedConsumerConfig{})
	if err != nil {
		return 0, fmt.Errorf("replay %s: %w", FindingsStream, err)
	}
	applied := 0
	var seq uint64
	for seq < last {
		batch, err := cons.Fetch(500, jetstream.FetchMaxWait(2*time.Second))
		if err != nil {
			return applied, fmt.Errorf("replay %s: %w", FindingsStream, err)
		}
		var envs []Envelope
		got := 0
		for msg := range batch.Messages() {
			got++
			if md, err := msg.Metadata(); err == nil {
				seq = md.Sequence.Stream
			}
			e, err := decode(msg.Data())
			if err != nil {
				bad(msg.Subject(), err)
				continue
			}
			envs = append(envs, e)
		}
		if got == 0 {
			if err := ctx.Err(); err != nil {
				return applied, err
			}
			break // the stream's first messages may have aged out: nothing more comes
		}
		if err := h(ctx, envs); err != nil {
			return applied, err
		}
		applied += len(envs)
	}
	return applied, nil
}

// sleep waits d unless ctx ends first; false when it did.
func sleep(ctx context.Context, d time.Duration) bool {
	select {
	case <-ctx.Done():
		return false
	case <-time.After(d):
		return true
	}
}
