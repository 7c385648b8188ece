package emulator

// Test hooks for the external (emulator_test) tests.
var (
	SignRequest = signRequest
	Resign      = resign
)

// LogBytes is the request log's counted size (calllog.go).
func (s *Server) LogBytes() int { return s.log.size() }

// OpenConns is the number of connections the limiter holds (connlimit.go).
func (r *Running) OpenConns() int { return r.ln.open() }
