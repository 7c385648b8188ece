package main

import (
	"strings"

	"github.com/immtui/immtui/client"
	"github.com/immtui/immtui/config"
	"github.com/immtui/immtui/state"
	"github.com/immtui/immtui/ui"
	"github.com/immtui/immtui/ui/keymap"
	"github.com/immtui/immtui/ui/theme"
	"github.com/immtui/immtui/ui/views"
)

// browseOptions wires the settings into the UI: the catalog for the
// pickers, a store per dataset chosen, the credentials named in the
// header, the review thresholds and the key bindings (in the styles).
func browseOptions(e *env, api *client.Client, region string, demo bool, st *theme.Styles) ui.Options {
	s := e.settings
	st.Bindings = keymap.Bindings(s.Keys.Value)
	th := s.Thresholds.Value
	if demo {
		region = ""
	}
	return ui.Options{
		Endpoint: api.Endpoint(), Region: region, Demo: demo, ReadOnly: true, Styles: st,
		Catalog:     state.NewCatalog(api),
		Open:        func(p, d string) views.Data { return state.New(api, p, d, state.Options{}) },
		Credentials: credentialHeader(demo, client.PredictCredentialSource()),
		Review:      &th,
	}
}

// accountClientConfig is the client of a real start: the endpoint and
// region resolved, the request timeout of the settings (flag, config
// file, default).
func accountClientConfig(e *env, insecureHTTP bool) client.Config {
	s := e.settings
	return client.Config{Endpoint: e.endpoint(), RegionID: s.Region.Value, AllowInsecureHTTP: insecureHTTP,
		ReadTimeout: s.RequestTimeout.Value, UserAgent: "immtui/" + version}
}

// credentialHeader is where the keys come from as the header shows it:
// "profile default (cli_profile)", "env", "demo key"; never a key.
func credentialHeader(demo bool, src client.CredentialSource) string {
	switch {
	case demo:
		return "demo key"
	case src.Provider == "":
		return "no credentials"
	case src.Profile != "":
		return "profile " + src.Profile + " (" + src.Provider + ")"
	}
	return "credentials " + src.Provider
}

// keyWarnings are the [keys] actions no key map has, as config problems.
func keyWarnings(s config.Settings) []string {
	var out []string
	for _, a := range keymap.Unknown(s.Keys.Value) {
		out = append(out, s.Keys.Where+": keys."+a+": unknown action (ignored); actions are "+strings.Join(keymap.Actions, ", "))
	}
	return out
}
