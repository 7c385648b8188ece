package main

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the XDG directories at a temporary one, so that no test
// reads or writes the config, state or log of whoever runs them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "immtui-xdg-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, v := range []string{"XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"} {
		os.Setenv(v, dir+"/"+v)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
