package bus

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// The job queue (PLATFORM.md): a work-queue stream with at most one pending
// job per site, and one durable pull consumer shared by every worker.
const (
	JobsStream    = "GOVWATCH_JOBS"
	jobsConsumer  = "workers"
	jobSubjects   = "govwatch.job.>"
	jobMaxDeliver = 5
)

// Job is one crawl of one site. Its ID is the crawl id: a job redelivered
// after its worker died is crawled again under the same id, and the
// findings stream drops what the first attempt had already published.
type Job struct {
	ID   string    `json:"id"`
	Site string    `json:"site"`
	At   time.Time `json:"at"` // when it was queued
}

// JobOptions tune the queue; zero values take the defaults.
type JobOptions struct {
	// AckWait is how long a job may go without a heartbeat before it is
	// given to another worker (default 2 minutes; workers beat every
	// AckWait/4).
	AckWait time.Duration
	// RetryDelay is how long a failed job waits before it is offered
	// again (default 30 s).
	RetryDelay time.Duration
}

func (o JobOptions) ackWait() time.Duration {
	if o.AckWait <= 0 {
		return 2 * time.Minute
	}
	return o.AckWait
}

// EnsureJobs creates or updates the job stream and the workers' consumer.
func (b *Bus) EnsureJobs(ctx context.Context, o JobOptions) error {
	_, err := b.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name: JobsStream, Subjects: []string{jobSubjects}, Retention: jetstream.WorkQueuePolicy,
		Storage: jetstream.FileStorage, Replicas: b.replicas(),
		Discard: jetstream.DiscardNew, DiscardNewPerSubject: true, MaxMsgsPerSubject: 1,
	})
	if err != nil {
		return fmt.Errorf("stream %s: %w", JobsStream, err)
	}
	_, err = b.js.CreateOrUpdateConsumer(ctx, JobsStream, jetstream.ConsumerConfig{
		Durable: jobsConsumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: o.ackWait(), MaxDeliver: jobMaxDeliver,
	})
	if err != nil {
		return fmt.Errorf("consumer %s: %w", jobsConsumer, err)
	}
	return nil
}

// errCodeStoreFailed is the server's JSStreamStoreFailedF, what a stream
// with DiscardNewPerSubject answers when the subject holds its one message.
const errCodeStoreFailed jetstream.ErrorCode = 10077

// ErrJobPending is returned when the site already has a job waiting.
var ErrJobPending = errors.New("a job for this site is already pending")

// Enqueue queues a crawl of the site, unless one is pending already.
func (b *Bus) Enqueue(ctx context.Context, j Job) error {
	data, err := json.Marshal(j)
	if err != nil {
		return err
	}
	_, err = b.js.Publish(ctx, "govwatch.job.crawl."+token(j.Site), data, jetstream.WithMsgID(j.ID))
	var apiErr *jetstream.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode == errCodeStoreFailed {
		return ErrJobPending
	}
	if err != nil {
		return fmt.Errorf("queue a crawl of %s: %w", j.Site, err)
	}
	return nil
}

// Work takes one job at a time while ctx lasts and runs it with do,
// beating the job's heartbeat meanwhile. A job that fails is offered again
// after a delay; one that has failed jobMaxDeliver times stays in the
// stream, is announced by the server and counted by dead.
func (b *Bus) Work(ctx context.Context, o JobOptions, do func(ctx context.Context, j Job) error, dead func(j Job, err error)) error {
	cons, err := b.js.Consumer(ctx, JobsStream, jobsConsumer)
	if err != nil {
		return fmt.Errorf("consumer %s: %w", jobsConsumer, err)
	}
	for ctx.Err() == nil {
		// One message per free slot: pre-fetched jobs expire while a
		// slow crawl runs (nats.go #1929).
		batch, err := cons.Fetch(1, jetstream.FetchMaxWait(time.Second))
		if err != nil {
			if !sleep(ctx, time.Second) { // a cluster in trouble: wait, fetch again
				return nil
			}
			continue
		}
		for msg := range batch.Messages() {
			b.runJob(ctx, o, msg, do, dead)
		}
	}
	return nil
}

func (b *Bus) runJob(ctx context.Context, o JobOptions, msg jetstream.Msg, do func(context.Context, Job) error, dead func(Job, error)) {
	var j Job
	if err := json.Unmarshal(msg.Data(), &j); err != nil || j.Site == "" || j.ID == "" {
		dead(j, fmt.Errorf("malformed job %q: %v", msg.Data(), err))
		msg.TermWithReason("malformed")
		return
	}
	beat, stop := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(o.ackWait() / 4)
		defer t.Stop()
		for {
			select {
			case <-beat.Done():
				return
			case <-t.C:
				msg.InProgress()
			}
		}
	}()
	err := do(ctx, j)
	stop()
	switch {
	case err == nil:
		msg.DoubleAck(context.WithoutCancel(ctx))
	case ctx.Err() != nil:
		// Stopped, not failed: the job comes back to a worker at once.
		msg.Nak()
	default:
		if md, merr := msg.Metadata(); merr == nil && md.NumDelivered >= jobMaxDeliver {
			dead(j, err)
			msg.TermWithReason(err.Error())
			return
		}
		delay := o.RetryDelay
		if delay <= 0 {
			delay = 30 * time.Second
		}
		msg.NakWithDelay(delay)
	}
}

// replicas is 3 on a cluster of three or more servers, else 1.
func (b *Bus) replicas() int {
	if b.server == nil && len(b.nc.Servers()) >= 3 {
		return 3
	}
	return 1
}

// PendingJobs counts the crawls waiting in the queue or being crawled.
func (b *Bus) PendingJobs(ctx context.Context) (uint64, error) {
	s, err := b.js.Stream(ctx, JobsStream)
	if err != nil {
		return 0, err
	}
	return s.CachedInfo().State.Msgs, nil
}
