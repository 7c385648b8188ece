package search

import "testing"

func TestSuggestRewritesConditionsWrittenAnotherWay(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"MediaType = image", "type:image"},
		{"mediatype=image", "type:image"},
		{"type = video city:杭州", "type:video city:杭州"},
		{"type =video", "type:video"},
		{"Labels.LabelName=Dog", "label:Dog"},
		{"Addresses.City = 杭州市", "city=杭州市"},
		{"Size > 10MB", "size>10MB"},
		{"FigureCount>=2 and MediaType = video", "faces>=2 and type:video"},
		{`Filename = "a b.jpg"`, `name="a b.jpg"`},
		{"ProduceTime > 2024-01", "date>2024-01"},
		// Nothing to rewrite: the language already, or plain words.
		{"type:image", ""},
		{"dog park", ""},
		{"image = good", ""},
		// A rewrite that does not compile is no suggestion.
		{"MediaType = picture", ""},
		{"type = ", ""},
	} {
		if got := Suggest(c.text); got != c.want {
			t.Errorf("Suggest(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
