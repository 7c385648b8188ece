package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/emulator"
	"github.com/immtui/immtui/imagecache"
	"github.com/immtui/immtui/ossclient"
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
// the demo's keys, or the account's OSS in its region with the IMM
// client's own credential chain. ok is false when there is no region to
// read from (an --endpoint without --region).
func ossConfig(demo *emulator.Running, api *client.Client, region string, timeout time.Duration) (ossclient.Config, bool) {
	if demo != nil {
		return ossclient.Config{Endpoint: demo.OSSEndpoint(), Region: demo.OSSRegion(),
			AccessKeyID: emulator.DemoAccessKeyID, AccessKeySecret: emulator.DemoAccessKeySecret, Timeout: timeout}, true
	}
	if region == "" {
		return ossclient.Config{}, false
	}
	return ossclient.Config{Region: region, Credential: api.Credential(), Timeout: timeout}, true
}

// newImages builds the session's face pictures: the renderer for this
// terminal, and (unless nothing would be drawn) the cache under the XDG
// cache directory reading through OSS. A cache directory that cannot be
// found leaves the memory cache alone.
func newImages(mode termimage.Mode, oss ossclient.Config, haveOSS bool) (*faceimg.Images, error) {
	im := &faceimg.Images{Renderer: termimage.NewRenderer(chooseImages(mode)), Mode: mode, Denied: deniedPermission}
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
