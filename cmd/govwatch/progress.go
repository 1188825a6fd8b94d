package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/govwatch/govwatch/monitor/crawl"
)

// progressBar redraws one status line on a terminal while a crawl runs.
type progressBar struct {
	p     *crawl.Progress
	w     io.Writer
	start time.Time
	stop  chan struct{}
	done  sync.WaitGroup
}

// startProgress draws on w only when w is a terminal; otherwise it does nothing.
func startProgress(p *crawl.Progress, w io.Writer, mode string) *progressBar {
	b := &progressBar{p: p, w: w, start: time.Now(), stop: make(chan struct{})}
	f, isFile := w.(*os.File)
	show := mode == "always" || (mode == "auto" && isFile && term.IsTerminal(int(f.Fd())))
	if !show {
		return b
	}
	b.done.Add(1)
	go func() {
		defer b.done.Done()
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-b.stop:
				b.draw()
				fmt.Fprintln(b.w)
				return
			case <-tick.C:
				b.draw()
			}
		}
	}()
	return b
}

func (b *progressBar) draw() {
	s := b.p.Snapshot()
	secs := time.Since(b.start).Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.Pages) / secs
	}
	fmt.Fprintf(b.w, "\r\033[K页面 %d · 链接 %d · 队列 %d · %.1f 页/秒 · 问题链接 %d · 被拦截 %d · %s",
		s.Pages, s.Links, s.Queue, rate, s.Broken, s.Blocked, time.Since(b.start).Truncate(time.Second))
}

// Stop ends the bar and leaves its last state on screen.
func (b *progressBar) Stop() {
	select {
	case <-b.stop:
	default:
		close(b.stop)
	}
	b.done.Wait()
}
