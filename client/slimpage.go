package client

import (
	"encoding/json"

	"github.com/immtui/immtui/imm"
)

// decodeSlimPage decodes a QueryFigureClusters reply keeping only each
// cover's URI (imm.DecodeCoverURIOnly); a reply that is not JSON is
// reported as decodeTo reports it.
func decodeSlimPage(out *imm.QueryFigureClustersResponse) func([]byte) error {
	return func(body []byte) error {
		// One validating pass; after it the hand scanners may trust the
		// structure, and std json only decodes the small parts.
		if !json.Valid(body) {
			return decodeTo(out)(body)
		}
		if err := imm.DecodeCoverURIOnly(body, out); err != nil {
			return &replyError{msg: "IMM's reply is not the JSON expected: " + err.Error(), err: err}
		}
		return nil
	}
}
