package ossclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aliyun/alibabacloud-oss-go-sdk-v2/oss"
)

// PermissionGetObject is the RAM action a face crop needs.
const PermissionGetObject = "oss:GetObject"

// PermissionError says the credentials may not read the object: OSS
// answered AccessDenied. Screens say it once, naming Permission.
type PermissionError struct {
	Permission string // always PermissionGetObject
	URI        string
	RequestID  string
}

func (e *PermissionError) Error() string {
	return "reading " + clip(e.URI) + " was denied: these credentials lack the RAM permission " + e.Permission +
		" on the bucket; grant it (for example AliyunOSSReadOnlyAccess) to see faces (request " + e.RequestID + ")"
}

// NotFoundError says the object (or its bucket) is not there any more.
type NotFoundError struct{ URI, Code string }

func (e *NotFoundError) Error() string {
	return "OSS has no object " + clip(e.URI) + " (" + e.Code + "): it may have been deleted or moved since IMM indexed it"
}

// TooLargeError says a body passed the configured bound.
type TooLargeError struct {
	URI   string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the object %s is larger than %d bytes; not read", clip(e.URI), e.Limit)
}

// ServiceError is any other OSS error answer, in our words.
type ServiceError struct {
	Status          int
	Code, RequestID string
	Message         string
}

func (e *ServiceError) Error() string {
	return fmt.Sprintf("OSS answered %d %s: %s (request %s)", e.Status, e.Code, e.Message, e.RequestID)
}

func (c *Client) classify(ctx context.Context, uri string, err error) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr // cancelled on purpose: the caller knows why
	}
	var se *oss.ServiceError
	if errors.As(err, &se) {
		switch {
		case se.Code == "AccessDenied" || se.StatusCode == http.StatusForbidden && se.Code == "":
			return &PermissionError{Permission: PermissionGetObject, URI: uri, RequestID: se.RequestID}
		case se.Code == "NoSuchKey" || se.Code == "NoSuchBucket":
			return &NotFoundError{URI: uri, Code: se.Code}
		}
		return &ServiceError{Status: se.StatusCode, Code: se.Code, RequestID: se.RequestID, Message: c.scrub(clip(se.Message))}
	}
	if errors.Is(err, errNoCredentials) {
		return errNoCredentials
	}
	return fmt.Errorf("reading %s from OSS failed: %s", clip(uri), c.scrub(err.Error()))
}

// scrub keeps the secret out of any message, whatever the SDK put in it.
func (c *Client) scrub(s string) string {
	if c.secret == "" {
		return s
	}
	return strings.ReplaceAll(s, c.secret, "***")
}
