package ui_test

import (
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// asyncLoop drives a model the way Bubble Tea does: Update and View run on
// one goroutine (the test's), every Cmd runs on a goroutine of its own and
// its message comes back through a channel. So a key is handled while
// replies are still on the wire, and Update cannot wait for the network
// without the test noticing (see settle and the watchdog).
type asyncLoop struct {
	t    testing.TB
	m    tea.Model
	msgs chan tea.Msg
	done chan struct{}
	wg   sync.WaitGroup
	// pending counts Cmds started whose message has not been handled yet.
	pending atomic.Int64
	quit    atomic.Bool
}

func newAsyncLoop(t testing.TB, m tea.Model) *asyncLoop {
	return &asyncLoop{t: t, m: m, msgs: make(chan tea.Msg, 64), done: make(chan struct{})}
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

func (l *asyncLoop) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	l.pending.Add(1)
	l.wg.Add(1)
	go func() {
		defer l.wg.Done()
		l.deliver(cmd())
	}()
}

// deliver hands msg to the loop; batches and sequences fan out.
func (l *asyncLoop) deliver(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
		l.pending.Add(-1)
		return
	case tea.BatchMsg:
		for _, c := range msg {
			l.run(c)
		}
		l.pending.Add(-1)
		return
	case tea.QuitMsg:
		l.quit.Store(true)
		l.pending.Add(-1)
		return
	}
	// tea.Sequence's message is an unexported []Cmd.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		for i := 0; i < v.Len(); i++ {
			if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
				l.pending.Add(1)
				l.deliver(c())
			}
		}
		l.pending.Add(-1)
		return
	}
	select {
	case l.msgs <- msg:
	case <-l.done:
		l.pending.Add(-1)
	}
}

// handle is one turn of the loop: Update, then start its Cmd. A watchdog
// turns a hang (Update waiting on something that never comes) into a
// failure instead of a stuck test; it is not a timing assertion.
func (l *asyncLoop) handle(msg tea.Msg) {
	stop := make(chan struct{})
	go func() {
		select {
		case <-stop:
		case <-time.After(30 * time.Second):
			panic("Update did not return within 30s: it is waiting on something")
		}
	}()
	var cmd tea.Cmd
	l.m, cmd = l.m.Update(msg)
	close(stop)
	l.run(cmd)
}

// send handles msg (a key, a resize) as if the terminal sent it, then
// whatever replies have already arrived, without waiting for others.
func (l *asyncLoop) send(msg tea.Msg) {
	l.handle(msg)
	l.drain()
}

func (l *asyncLoop) drain() {
	for {
		select {
		case msg := <-l.msgs:
			l.handle(msg)
			l.pending.Add(-1)
		default:
			return
		}
	}
}

// settle handles replies until no Cmd is outstanding (spinners stop by
// themselves once nothing loads). The bound only catches a hang.
func (l *asyncLoop) settle() {
	l.t.Helper()
	deadline := time.After(60 * time.Second)
	for l.pending.Load() > 0 {
		select {
		case msg := <-l.msgs:
			l.handle(msg)
			l.pending.Add(-1)
		case <-time.After(5 * time.Millisecond):
		case <-deadline:
			l.t.Fatalf("replies never settled: %d Cmds outstanding", l.pending.Load())
		}
	}
}

// stop ends every Cmd goroutine (they give up sending once done closes).
func (l *asyncLoop) stop() {
	close(l.done)
	l.wg.Wait()
}
