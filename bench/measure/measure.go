// Package measure runs a benchmarked command and reports its wall time and
// peak resident memory.
//
// Linux carries a process's peak RSS across exec: a child started by a
// large Go process (a benchmark harness serving a 20,000-page portal from
// memory) reports at least its parent's peak. So the command is started
// through a copy of the harness itself in a small mode (Main), whose own
// peak is a few MiB, and that copy reports the command's rusage.
package measure

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const childFlag = "-measure-child"

// Main runs the intermediate mode when the harness was started as one and
// then exits; a harness calls it first thing in main.
func Main() {
	if len(os.Args) < 4 || os.Args[1] != childFlag {
		return
	}
	report := os.Args[2]
	cmd := exec.Command(os.Args[3], os.Args[4:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	// Asked to stop (a time limit), stop the command and still report.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.WriteFile(report, []byte("0 -1\n"), 0o644)
		os.Exit(0)
	}
	go func() {
		<-stop
		cmd.Process.Kill()
	}()
	err := cmd.Wait()
	var rss int64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss
		}
	}
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		code = -1
	}
	os.WriteFile(report, fmt.Appendf(nil, "%d %d\n", rss, code), 0o644)
	os.Exit(0)
}

// Result is what one run cost.
type Result struct {
	Wall     time.Duration
	RSSMiB   float64
	ExitCode int
	TimedOut bool
}

// Run runs args in dir with stdout and stderr to out, killing it and its
// children when ctx ends.
func Run(ctx context.Context, args []string, dir string, out *os.File) (Result, error) {
	self, err := os.Executable()
	if err != nil {
		return Result{}, err
	}
	report, err := os.CreateTemp("", "measure-")
	if err != nil {
		return Result{}, err
	}
	report.Close()
	defer os.Remove(report.Name())
	cmd := exec.Command(self, append([]string{childFlag, report.Name()}, args...)...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Result{}, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r Result
	select {
	case err = <-done:
	case <-ctx.Done():
		r.TimedOut = true
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case err = <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			err = <-done
		}
	}
	r.Wall = time.Since(start)
	text, rerr := os.ReadFile(report.Name())
	fields := strings.Fields(string(text))
	if rerr != nil || len(fields) != 2 {
		if r.TimedOut {
			return r, nil
		}
		return r, fmt.Errorf("%s: no measurement (%v)", args[0], err)
	}
	kib, _ := strconv.ParseInt(fields[0], 10, 64)
	r.RSSMiB = float64(kib) / 1024
	r.ExitCode, _ = strconv.Atoi(fields[1])
	return r, nil
}
