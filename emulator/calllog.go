package emulator

import (
	"strings"
	"sync"
)

// callLog is the request log behind Calls(), bounded in entries and in
// bytes: a stranger's requests must not grow it without end. What it
// keeps of a request is bounded too: the action name is cut to
// maxLoggedAction bytes, and ServeHTTP fills Params only for requests
// that passed the signature and version checks.
type callLog struct {
	mu         sync.Mutex
	entries    []Call
	bytes      int
	maxEntries int
	maxBytes   int
}

// maxLoggedAction: real action names are under 32 bytes.
const maxLoggedAction = 128

// Per-value overheads counted with the bytes of strings, so a log of many
// tiny values is bounded as well (roughly Go's string and slice headers).
const (
	callOverhead   = 128
	stringOverhead = 16
	valuesOverhead = 48
)

// callSize is what an entry is counted as against maxBytes.
func callSize(c Call) int {
	n := callOverhead + len(c.Action) + len(c.Code) + len(c.RequestId)
	for k, vs := range c.Params {
		n += valuesOverhead + len(k)
		for _, v := range vs {
			n += stringOverhead + len(v)
		}
	}
	return n
}

// bounded cuts what c holds to what the log keeps.
func (l *callLog) bounded(c Call) (Call, int) {
	if len(c.Action) > maxLoggedAction {
		c.Action = strings.ToValidUTF8(c.Action[:maxLoggedAction], "")
	}
	size := callSize(c)
	if size > l.maxBytes/2 && c.Params != nil {
		// One entry may not crowd out the rest: keep its outcome only.
		c.Params = nil
		size = callSize(c)
	}
	return c, size
}

func (l *callLog) add(c Call) {
	c, size := l.bounded(c)
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.entries) > 0 && (len(l.entries) >= l.maxEntries || l.bytes+size > l.maxBytes) {
		l.bytes -= callSize(l.entries[0])
		l.entries[0] = Call{} // let go of its Params now, not at the next grow
		l.entries = l.entries[1:]
	}
	l.entries = append(l.entries, c)
	l.bytes += size
}

func (l *callLog) snapshot() []Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Call(nil), l.entries...)
}

func (l *callLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries, l.bytes = nil, 0
}

// size is the log's counted bytes (tests read it through export_test.go).
func (l *callLog) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.bytes
}
