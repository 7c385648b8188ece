package emulator

import (
	"io"
	"log"
)

// quietLog drops net/http's own connection chatter (for example the
// "wrote fewer bytes than Content-Length" a truncate fault causes on
// purpose); the request log is Calls().
func quietLog() *log.Logger { return log.New(io.Discard, "", 0) }
