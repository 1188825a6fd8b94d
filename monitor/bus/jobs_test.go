package bus

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestJobQueue(t *testing.T) {
	b, err := Embedded(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	o := JobOptions{AckWait: time.Second, RetryDelay: 50 * time.Millisecond}
	if err := b.EnsureJobs(ctx, o); err != nil {
		t.Fatal(err)
	}
	if err := b.Enqueue(ctx, Job{ID: "dc/1", Site: "dc.portal"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Enqueue(ctx, Job{ID: "dc/2", Site: "dc.portal"}); !errors.Is(err, ErrJobPending) {
		t.Fatalf("a second pending job for one site: %v", err)
	}
	if err := b.Enqueue(ctx, Job{ID: "gd/1", Site: "gd"}); err != nil {
		t.Fatalf("another site's job: %v", err)
	}
	if err := b.Enqueue(ctx, Job{ID: "bad/1", Site: "fails"}); err != nil {
		t.Fatal(err)
	}

	// A worker takes the first job and dies mid-crawl: no ack, no more
	// heartbeats. After AckWait the job goes to the next worker, same id.
	dying, err := b.Another()
	if err != nil {
		t.Fatal(err)
	}
	took := make(chan Job, 1)
	wctx, stopDying := context.WithCancel(ctx)
	go dying.Work(wctx, o, func(_ context.Context, j Job) error {
		took <- j
		dying.nc.Close() // the process is gone
		<-wctx.Done()
		return nil
	}, func(Job, error) {})
	first := <-took
	stopDying()

	var mu sync.Mutex
	var done []string
	var dead []string
	lctx, stop := context.WithTimeout(ctx, 20*time.Second)
	defer stop()
	go b.Work(lctx, o, func(_ context.Context, j Job) error {
		mu.Lock()
		defer mu.Unlock()
		if j.Site == "fails" {
			return errors.New("always fails")
		}
		done = append(done, j.ID)
		if len(done) == 2 && len(dead) == 1 {
			stop()
		}
		return nil
	}, func(j Job, err error) {
		mu.Lock()
		dead = append(dead, j.ID)
		if len(done) == 2 {
			stop()
		}
		mu.Unlock()
	})
	<-lctx.Done()
	mu.Lock()
	defer mu.Unlock()
	if len(done) != 2 || !contains(done, first.ID) {
		t.Fatalf("done %v; the dead worker's job %s must be redone", done, first.ID)
	}
	if len(dead) != 1 || dead[0] != "bad/1" {
		t.Fatalf("dead-lettered %v, want the failing job after %d tries", dead, jobMaxDeliver)
	}
	// Once the last ack lands the queue is empty again: a new job for
	// the site is accepted.
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		err := b.Enqueue(ctx, Job{ID: "dc/3", Site: "dc.portal"})
		if err == nil {
			break
		}
		if !errors.Is(err, ErrJobPending) || time.Now().After(deadline) {
			t.Fatalf("after the job: %v", err)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
