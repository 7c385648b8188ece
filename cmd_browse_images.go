package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/ossclient"
	"github.com/immtui/immtui/safetext"
	"github.com/immtui/immtui/termimage"
	"github.com/immtui/immtui/ui/widgets/faceimg"
)

// imagesMode reads --images (or the config's images), as a usage error
// when it is none of the four.
func imagesMode(value, origin string) (termimage.Mode, error) {
	m, err := termimage.ParseMode(value)
	if err != nil {
		return 0, usageError{fmt.Sprintf("%s %q: want auto, halfblock, kitty or off", origin, value)}
	}
	return m, nil
}

// chooseImages decides how this terminal draws faces. tmux's
// allow-passthrough is asked once, here at start, and only when the
// answer changes the choice (kitty graphics inside tmux).
func chooseImages(mode termimage.Mode) termimage.Capability {
	env := termimage.EnvFrom(os.Getenv)
	passthrough := false
	if termimage.NeedsPassthroughProbe(mode, env) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		out, err := exec.CommandContext(ctx, "tmux", "show", "-gv", "allow-passthrough").Output()
		cancel()
		passthrough = err == nil && termimage.PassthroughOn(string(out))
	}
	return termimage.Choose(mode, env, passthrough)
}

// ossConfig is where the face crops are read: the demo's emulator with
// the demo's keys; else --oss-endpoint (an `immtui serve` emulator prints
// its own), the region's internal OSS with --vpc, or its public OSS, all
// with the IMM client's own credential chain. ok is false when there is
// no region to read from (an --endpoint without --region): OSS signs the
// region, so it cannot be guessed.
func ossConfig(demo *emulator.Running, api *client.Client, s config.Settings, timeout time.Duration) (ossclient.Config, bool) {
	if demo != nil {
		return ossclient.Config{Endpoint: demo.OSSEndpoint(), Region: demo.OSSRegion(),
			AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, Timeout: timeout}, true
	}
	if s.Region.Value == "" {
		return ossclient.Config{}, false
	}
	return ossclient.Config{Endpoint: ossEndpointURL(s.OSSEndpoint.Value), Region: s.Region.Value, Internal: s.VPC.Value,
		Credential: api.Credential(), Timeout: timeout}, true
}

// ossEndpointURL is --oss-endpoint as the OSS SDK wants it, a URL: a bare
// loopback HOST:PORT is `immtui serve`, which speaks plain HTTP; any other
// bare host is HTTPS.
func ossEndpointURL(ep string) string {
	ep = strings.TrimSpace(ep)
	if ep == "" || strings.Contains(ep, "://") {
		return ep
	}
	if client.IsLoopback(ep) {
		return "http://" + ep
	}
	return "https://" + ep
}

// checkOSSEndpointSetting checks --oss-endpoint (or the config file's)
// like --endpoint: a URL or HOST[:PORT], plain HTTP only to this machine
// unless --insecure-http, and a region to sign with.
func checkOSSEndpointSetting(s config.Settings, insecureHTTP bool) error {
	ep := s.OSSEndpoint
	if ep.Value == "" {
		return nil
	}
	name := "--oss-endpoint"
	if ep.Source != config.FromFlag {
		name = "oss_endpoint (" + ep.Origin() + ")"
	}
	if err := checkEndpoint(ep.Value); err != nil {
		return usageError{fmt.Sprintf("%s %q: %v", name, safetext.Line(ep.Value), strings.Replace(err.Error(), "https://imm.cn-hangzhou", "https://oss-cn-hangzhou", 1))}
	}
	if err := client.CheckEndpoint(ep.Value, insecureHTTP); err != nil {
		return usageError{name + ": " + err.Error()}
	}
	if s.Region.Value == "" {
		return usageError{name + " needs a region, which OSS signs: pass --region (`immtui serve` prints its OSS region)"}
	}
	if s.VPC.Value {
		return usageError{"--vpc reads the region's internal OSS: it does not go with " + name}
	}
	return nil
}

// newImages builds the session's face pictures: the renderer for this
// terminal, and (unless nothing would be drawn) the cache under the XDG
// cache directory reading through OSS. A cache directory that cannot be
// found leaves the memory cache alone.
func newImages(mode termimage.Mode, oss ossclient.Config, haveOSS bool) (*faceimg.Images, error) {
	im := &faceimg.Images{Renderer: termimage.NewRenderer(chooseImages(mode)), Mode: mode, Denied: deniedPermission}
	if !haveOSS {
		im.NoSource = "no pictures: OSS needs a region (--region; --oss-endpoint for an emulator)"
	}
	if im.Renderer.Cap.Protocol == termimage.ProtocolPlaceholder || !haveOSS {
		return im, nil
	}
	oc, err := ossclient.New(oss)
	if err != nil {
		return nil, fmt.Errorf("face pictures: %w", err)
	}
	dir, err := imagecache.DefaultDir()
	if err != nil {
		dir = ""
	}
	im.Cache = imagecache.New(imagecache.Config{Fetcher: oc, Dir: dir})
	return im, nil
}

// deniedPermission says whether err is OSS refusing a read for want of a
// RAM permission, and which.
func deniedPermission(err error) (string, bool) {
	var pe *ossclient.PermissionError
	if errors.As(err, &pe) {
		return pe.Permission, true
	}
	return "", false
}
