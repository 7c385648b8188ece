package ui_test

import "github.com/immtui/immtui/imm"

var errNotFound = &imm.Error{Kind: imm.KindNotFound, Code: "ResourceNotFound", Message: "The specified resource cluster is not found.", RequestId: "RID-X", StatusCode: 404}
