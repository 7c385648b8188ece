package panes

import "github.com/immtui/immtui/imm"

// addressesPane shows the reverse-geocoded place in each language the
// server returned, with the coordinates and time zone.
type addressesPane struct{}

func (addressesPane) title() string    { return "Addresses" }
func (addressesPane) fields() []string { return []string{"Addresses", "LatLong", "Timezone"} }
func (addressesPane) empty() string    { return "no address or location for this file" }

func (addressesPane) lines(d *doc, f *imm.File) {
	d.section("Location", []kv{
		{k: "Coordinates", v: latLong(f.LatLong, d.s.Glyphs)},
		{k: "Raw", v: unless(f.LatLong, latLong(f.LatLong, d.s.Glyphs))},
		{k: "Time zone", v: f.Timezone},
	})
	for _, a := range f.Addresses {
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
}
