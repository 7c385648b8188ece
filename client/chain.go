package client

import (
	"errors"
	"os"
	"sync"
	"time"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"
)

// ECSMetadataTimeout bounds the wait for the ECS metadata service
// (100.100.100.200) when the chain gets that far: off ECS it never
// answers, and credentials-go would spend up to 1 s connecting plus 1 s
// reading on each of its two or three requests.
const ECSMetadataTimeout = 2 * time.Second

// defaultChain is credentials-go's default chain (docs/api.md §6.2),
// built here from the same providers in the same order, so that the
// metadata service has a bound and the provider that answered is known.
type defaultChain struct {
	list []providers.CredentialsProvider

	mu       sync.Mutex
	last     providers.CredentialsProvider // as credentials-go: once one answers, only it is asked
	answered string                        // its name, "" until one answered
}

func newDefaultChain() (*defaultChain, credentials.Credential) {
	c := &defaultChain{}
	add := func(p providers.CredentialsProvider, err error) {
		if err == nil {
			c.list = append(c.list, p)
		}
	}
	add(providers.NewEnvironmentVariableCredentialsProviderBuilder().Build())
	add(providers.NewOIDCCredentialsProviderBuilder().Build())
	add(providers.NewCLIProfileCredentialsProviderBuilder().Build())
	add(providers.NewProfileCredentialsProviderBuilder().Build())
	if ecs, err := providers.NewECSRAMRoleCredentialsProviderBuilder().
		WithHttpOptions(&providers.HttpOptions{ConnectTimeout: 1000, ReadTimeout: 1000}).Build(); err == nil {
		add(&boundedProvider{inner: ecs, limit: ECSMetadataTimeout}, nil)
	}
	if os.Getenv("ALIBABA_CLOUD_CREDENTIALS_URI") != "" {
		add(providers.NewURLCredentialsProviderBuilder().Build())
	}
	return c, credentials.FromCredentialsProvider("default", c)
}

func (c *defaultChain) GetProviderName() string { return "default" }

func (c *defaultChain) GetCredentials() (*providers.Credentials, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last != nil {
		return c.last.GetCredentials()
	}
	for _, p := range c.list {
		cc, err := p.GetCredentials()
		if err != nil || cc == nil {
			continue // the errors are credentials-go's and may quote secrets: explainChain says why instead
		}
		c.last, c.answered = p, p.GetProviderName()
		return cc, nil
	}
	return nil, errors.New("no provider of the default chain gave credentials")
}

// provider is the name of the provider that answered, "" before.
func (c *defaultChain) provider() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answered
}

// errMetadataTimeout: the metadata service did not answer in time.
var errMetadataTimeout = errors.New("the ECS metadata service did not answer within " + ECSMetadataTimeout.String())

// boundedProvider gives up on its provider after limit. The provider's
// call goes on in its goroutine (it has its own timeouts, so it ends); a
// later call takes its result rather than starting another.
type boundedProvider struct {
	inner providers.CredentialsProvider
	limit time.Duration

	mu      sync.Mutex
	pending chan providerResult // the call under way, nil when none
}

type providerResult struct {
	cc  *providers.Credentials
	err error
}

func (b *boundedProvider) GetProviderName() string { return b.inner.GetProviderName() }

func (b *boundedProvider) GetCredentials() (*providers.Credentials, error) {
	b.mu.Lock()
	ch := b.pending
	if ch == nil {
		ch = make(chan providerResult, 1)
		b.pending = ch
		go func() {
			cc, err := b.inner.GetCredentials()
			ch <- providerResult{cc, err}
		}()
	}
	b.mu.Unlock()
	t := time.NewTimer(b.limit)
	defer t.Stop()
	select {
	case r := <-ch:
		b.mu.Lock()
		b.pending = nil
		b.mu.Unlock()
		return r.cc, r.err
	case <-t.C:
		return nil, errMetadataTimeout
	}
}
