package client

import (
	"sync"

	"github.com/aliyun/credentials-go/credentials"
)

// lockedCredential is the one credential all worker slots share. It
// serialises the provider (the default chain remembers its last provider in
// an unguarded field) and marks provider failures so they classify as
// KindAuth rather than as a network or unknown error.
type lockedCredential struct {
	mu    sync.Mutex
	inner credentials.Credential
}

var _ credentials.Credential = (*lockedCredential)(nil)

func (l *lockedCredential) GetCredential() (*credentials.CredentialModel, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	m, err := l.inner.GetCredential()
	if err != nil {
		return nil, &credentialError{err: err}
	}
	return m, nil
}

// The methods below are deprecated in credentials-go and unused by the
// runtime's V3 path; they are here to satisfy the interface.

func (l *lockedCredential) GetAccessKeyId() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.AccessKeyId, nil
}

func (l *lockedCredential) GetAccessKeySecret() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.AccessKeySecret, nil
}

func (l *lockedCredential) GetSecurityToken() (*string, error) {
	m, err := l.GetCredential()
	if err != nil {
		return nil, err
	}
	return m.SecurityToken, nil
}

func (l *lockedCredential) GetBearerToken() *string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inner.GetBearerToken()
}

func (l *lockedCredential) GetType() *string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.inner.GetType()
}
