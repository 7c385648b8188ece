package config

import _ "embed"

// Example is the commented example config (config.example.toml), printed
// by `immtui info --config-example`.
//
//go:embed config.example.toml
var Example string
