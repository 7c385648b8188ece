package emulator

// Test hooks for the external (emulator_test) tests.
var (
	SignRequest = signRequest
	Resign      = resign
	V1Signature = v1Signature
	V1Params    = v1Params
	RFC3986     = rfc3986Encode
)

// LogBytes is the request log's counted size (calllog.go).
func (s *Server) LogBytes() int { return s.log.size() }

// OpenConns is the number of connections the limiter holds (connlimit.go).
func (r *Running) OpenConns() int { return r.ln.open() }

// SetNonceLimit gives s a fresh, empty nonce store that holds at most n.
func SetNonceLimit(s *Server, n int) { s.verify.nonces = newNonceStore(n) }
