package panes

import "github.com/immtui/immtui/imm"

// addressesPane shows the reverse-geocoded place in each language the
// server returned, with the coordinates and time zone.
type addressesPane struct{}

func (addressesPane) title() string    { return "Addresses" }
func (addressesPane) fields() []string { return []string{"Addresses", "LatLong", "Timezone"} }
func (addressesPane) empty() string    { return "no address or location for this file" }
func (addressesPane) multilingual()    {}

func (addressesPane) lines(d *doc, f *imm.File) {
	d.section("Location", []kv{
		{k: "Coordinates", v: latLong(f.LatLong, d.s.Glyphs)},
		{k: "Raw", v: unless(f.LatLong, latLong(f.LatLong, d.s.Glyphs))},
		{k: "Time zone", v: f.Timezone},
	})
	byLanguage(d, f.Addresses, func(a imm.Address) string { return a.Language }, func(_ string, group []imm.Address, _ bool) {
		for _, a := range group {
			address(d, a)
		}
	})
}

// address draws one address under its language.
func address(d *doc, a imm.Address) {
	lang := a.Language
	if lang == "" {
		lang = "unknown language"
	}
	d.title("Address (" + lang + ")")
	rows := []kv{
		{k: "Country", v: a.Country},
		{k: "Province", v: a.Province},
		{k: "City", v: a.City},
		{k: "District", v: a.District},
		{k: "Township", v: a.Township},
		{k: "Address", v: a.AddressLine},
	}
	if !anyValue(rows) {
		d.note("(empty address)")
	}
	d.kvs(rows)
}
