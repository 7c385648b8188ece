package ui_test

import "github.com/immtui/immtui/client"

var errNotFound = &client.Error{Kind: client.KindNotFound, Code: "ResourceNotFound", Message: "The specified resource cluster is not found.", RequestId: "RID-X", StatusCode: 404}
