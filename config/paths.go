// Package config finds immtui's files (XDG base directories), reads the
// config file (TOML) and resolves the effective settings from flags, the
// environment, the aliyun CLI profile, the config file and the defaults,
// remembering for each setting where its value came from.
package config

import (
	"path/filepath"

	"github.com/adrg/xdg"
)

// Paths are where immtui keeps its files.
type Paths struct {
	ConfigFile string // $XDG_CONFIG_HOME/immtui/config.toml
	StateDir   string // $XDG_STATE_HOME/immtui
	CacheDir   string // $XDG_CACHE_HOME/immtui
	LogFile    string // StateDir/immtui.log, written with --debug
	RecentFile string // StateDir/recent.json, the last project and dataset
}

// DefaultPaths reads the XDG variables now (not at program start, so that
// tests can point them at temporary directories). Nothing is created.
func DefaultPaths() Paths {
	xdg.Reload()
	state := filepath.Join(xdg.StateHome, "immtui")
	return Paths{
		ConfigFile: filepath.Join(xdg.ConfigHome, "immtui", "config.toml"),
		StateDir:   state,
		CacheDir:   filepath.Join(xdg.CacheHome, "immtui"),
		LogFile:    filepath.Join(state, "immtui.log"),
		RecentFile: filepath.Join(state, "recent.json"),
	}
}
