package search

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/immtui/immtui/imm"
)

var cst = time.FixedZone("CST", 8*3600)

func l(field, op, value string) imm.SimpleQuery { return leaf(field, op, value) }

func node(op string, subs ...imm.SimpleQuery) imm.SimpleQuery {
	return imm.SimpleQuery{Operation: op, SubQueries: subs}
}

func textOr(v string) imm.SimpleQuery {
	return node("or",
		l("OCRContents.Contents", "match-phrase", v),
		l("Insights.Image.Caption", "match-phrase", v), l("Insights.Video.Caption", "match-phrase", v),
		l("Insights.Image.Description", "match-phrase", v), l("Insights.Video.Description", "match-phrase", v))
}

func TestEveryFormCompilesToItsSimpleQuery(t *testing.T) {
	cases := []struct {
		text string
		want imm.SimpleQuery
	}{
		{"label:狗", l("Labels.LabelName", "eq", "狗")},
		{"label:动物*", l("Labels.LabelName", "prefix", "动物")},
		{`label:"Golden Retriever"`, l("Labels.LabelName", "eq", "Golden Retriever")},
		{"label=狗", l("Labels.LabelName", "eq", "狗")},
		{"city:杭州", l("Addresses.City", "prefix", "杭州")},
		{"city:杭州*", l("Addresses.City", "prefix", "杭州")},
		{"city=杭州市", l("Addresses.City", "eq", "杭州市")},
		{`city:"new york"`, l("Addresses.City", "prefix", "new york")},
		{"province:浙江", l("Addresses.Province", "prefix", "浙江")},
		{"country=China", l("Addresses.Country", "eq", "China")},
		{"district:西湖区", l("Addresses.District", "prefix", "西湖区")},
		{"type:video", l("MediaType", "eq", "video")},
		{"type:Image", l("MediaType", "eq", "image")},
		{"mime:image/*", l("ContentType", "prefix", "image/")},
		{"mime:image/jpeg", l("ContentType", "eq", "image/jpeg")},
		{"size>10MB", l("Size", "gt", "10000000")},
		{"size>=1.5GiB", l("Size", "gte", "1610612736")},
		{"size<512KiB", l("Size", "lt", "524288")},
		{"size<=2kb", l("Size", "lte", "2000")},
		{"size:2048", l("Size", "eq", "2048")},
		{"size=1B", l("Size", "eq", "1")},
		{"after:2024-01", l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00")},
		{"after:2024", l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00")},
		{"before:2024-07", l("ProduceTime", "lt", "2024-07-01T00:00:00+08:00")},
		{"before:2024-02-29", l("ProduceTime", "lt", "2024-02-29T00:00:00+08:00")},
		{"date:2024", node("and", l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00"), l("ProduceTime", "lt", "2025-01-01T00:00:00+08:00"))},
		{"date:2024-12", node("and", l("ProduceTime", "gte", "2024-12-01T00:00:00+08:00"), l("ProduceTime", "lt", "2025-01-01T00:00:00+08:00"))},
		{"date:2024-03-31", node("and", l("ProduceTime", "gte", "2024-03-31T00:00:00+08:00"), l("ProduceTime", "lt", "2024-04-01T00:00:00+08:00"))},
		{"date>2024-03", l("ProduceTime", "gte", "2024-04-01T00:00:00+08:00")},
		{"date<=2024-03", l("ProduceTime", "lt", "2024-04-01T00:00:00+08:00")},
		{"faces>2", l("FigureCount", "gt", "2")},
		{"faces:0", l("FigureCount", "eq", "0")},
		{"status:Failed", l("ObjectStatus", "eq", "Failed")},
		{"status:failed", l("ObjectStatus", "eq", "Failed")},
		{"status:Odd", l("ObjectStatus", "eq", "Odd")},
		{"name:IMG_*", l("Filename", "prefix", "IMG_")},
		{"name:beach", l("Filename", "match-phrase", "beach")},
		{"name=IMG_0001.JPG", l("Filename", "eq", "IMG_0001.JPG")},
		{`name:"a *b"`, l("Filename", "match-phrase", "a *b")},
		{"cluster:Cluster-7", l("Figures.FigureClusterId", "eq", "Cluster-7")},
		{"text:会议", textOr("会议")},
		{`text:"annual meeting"`, textOr("annual meeting")},
		{"LABEL:Dog", l("Labels.LabelName", "eq", "Dog")},
		// Logic.
		{"label:狗 city:杭州", node("and", l("Labels.LabelName", "eq", "狗"), l("Addresses.City", "prefix", "杭州"))},
		{"label:狗 AND city:杭州", node("and", l("Labels.LabelName", "eq", "狗"), l("Addresses.City", "prefix", "杭州"))},
		{"type:video or type:audio", node("or", l("MediaType", "eq", "video"), l("MediaType", "eq", "audio"))},
		{"type:image type:video or type:audio", node("or",
			node("and", l("MediaType", "eq", "image"), l("MediaType", "eq", "video")), l("MediaType", "eq", "audio"))},
		{"-status:Indexed", node("not", l("ObjectStatus", "eq", "Indexed"))},
		{"not label:猫", node("not", l("Labels.LabelName", "eq", "猫"))},
		{"(type:video or type:audio) city:杭州", node("and",
			node("or", l("MediaType", "eq", "video"), l("MediaType", "eq", "audio")), l("Addresses.City", "prefix", "杭州"))},
		{"type:video after:2024 date:2024", node("and", l("MediaType", "eq", "video"),
			l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00"),
			l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00"), l("ProduceTime", "lt", "2025-01-01T00:00:00+08:00"))},
		{"type:image or (type:video or type:audio)", node("or", l("MediaType", "eq", "image"), l("MediaType", "eq", "video"), l("MediaType", "eq", "audio"))},
		{"-(type:video city:杭州)", node("not", node("and", l("MediaType", "eq", "video"), l("Addresses.City", "prefix", "杭州")))},
		{"name:a-b", l("Filename", "match-phrase", "a-b")},
		{"beach", bareOr("beach")},
		{`"new year"`, bareOr("new year")},
		{"12:30", bareOr("12:30")},
	}
	for _, c := range cases {
		got, err := Compile(c.text, Options{Location: cst})
		if err != nil {
			t.Errorf("%s: %v", c.text, err)
			continue
		}
		if !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.text, JSON(got), JSON(&c.want))
		}
	}
}

func bareOr(v string) imm.SimpleQuery {
	q := textOr(v)
	q.SubQueries = append([]imm.SimpleQuery{l("Filename", "match-phrase", v), l("Labels.LabelName", "eq", v)}, q.SubQueries...)
	return q
}

func TestTheIssueExampleCompiles(t *testing.T) {
	text := `label:狗 city:杭州 type:video size>10MB after:2024-01 before:2024-07 faces>2 status:Failed name:IMG_* cluster:ID text:会议`
	got, err := Compile(text, Options{Location: cst})
	if err != nil {
		t.Fatal(err)
	}
	want := node("and",
		l("Labels.LabelName", "eq", "狗"), l("Addresses.City", "prefix", "杭州"), l("MediaType", "eq", "video"),
		l("Size", "gt", "10000000"),
		l("ProduceTime", "gte", "2024-01-01T00:00:00+08:00"), l("ProduceTime", "lt", "2024-07-01T00:00:00+08:00"),
		l("FigureCount", "gt", "2"), l("ObjectStatus", "eq", "Failed"), l("Filename", "prefix", "IMG_"),
		l("Figures.FigureClusterId", "eq", "ID"), textOr("会议"))
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("got %s", JSON(got))
	}
}

func TestBlankIsEveryFile(t *testing.T) {
	for _, s := range []string{"", "   ", "\u3000"} {
		if q, err := Compile(s, Options{}); q != nil || err != nil {
			t.Errorf("%q: %v %v", s, q, err)
		}
	}
}

func TestDatesUseTheGivenZone(t *testing.T) {
	got, err := Compile("after:2024-01", Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if got.Value != "2024-01-01T00:00:00Z" {
		t.Errorf("got %s", got.Value)
	}
}

func TestBadQueriesPointAtTheWrongWord(t *testing.T) {
	cases := []struct {
		text, word, msg string
		column          int
	}{
		{"lable:狗", "lable", `unknown field "lable" (did you mean label?)`, 0},
		{"type:video size>10XB", "size>10XB", "size>10XB: unknown unit XB", 11},
		{"城市 siez>1", "siez", `unknown field "siez" (did you mean size?)`, 5},
		{"colour:red", "colour", `unknown field "colour": the fields are label, city`, 0},
		{"MediaType=image", "MediaType", `unknown field "MediaType": IMM's MediaType is type: here (did you mean type:image?)`, 0},
		{"x FigureCount>2", "FigureCount", `(did you mean faces>2?)`, 2},
		{"type:vidoe", "type:vidoe", `unknown type "vidoe" (did you mean video?)`, 0},
		{"after:2024-13", "after:2024-13", `"2024-13" is not a date`, 0},
		{"after>2024", "after>2024", "write after:2024, or date>2024", 0},
		{"label>狗", "label>狗", "label takes :", 0},
		{"faces>two", "faces>two", `"two" is not a whole number`, 0},
		{"name:*.mov", "name:*.mov", "not a pattern", 0},
		{"label:a*b*", "label:a*b*", "a * may only end the value", 0},
		{"city:", "city:", "needs a value, as in city:杭州", 0},
		{`city:"new york`, `"new york`, "this quote is not closed", 5},
		{"(type:video", "(", "this ( is not closed", 0},
		{"type:video)", ")", `")" has no ( to close`, 10},
		{"type:video or", "or", "or needs a term after it", 11},
		{"and type:video", "and", "and needs a term before it", 0},
		{"-", "-", "- needs a term after it", 0},
		{"not", "not", "not needs a term after it", 0},
		{"()", "()", "() holds nothing", 0},
		{"size>abc", "size>abc", "a size starts with a number", 0},
	}
	for _, c := range cases {
		_, err := Compile(c.text, Options{Location: cst})
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: error %v (%T), want *Error", c.text, err, err)
			continue
		}
		if got := c.text[e.Offset:e.End]; got != c.word {
			t.Errorf("%s: points at %q, want %q", c.text, got, c.word)
		}
		if !strings.Contains(e.Message, c.msg) {
			t.Errorf("%s: message %q does not say %q", c.text, e.Message, c.msg)
		}
		if e.Column != c.column {
			t.Errorf("%s: column %d, want %d", c.text, e.Column, c.column)
		}
	}
}

func TestTheErrorColumnCountsCells(t *testing.T) {
	_, err := Compile("label:狗狗 lable:x", Options{})
	e := err.(*Error)
	if e.Offset != len("label:狗狗 ") || e.Column != 11 || e.Width != 5 {
		t.Errorf("offset %d column %d width %d", e.Offset, e.Column, e.Width)
	}
	if e.Error() != `column 12: unknown field "lable" (did you mean label?)` {
		t.Errorf("Error() = %q", e.Error())
	}
}

func TestIMMLimitsAreCheckedBeforeSending(t *testing.T) {
	many := strings.Repeat("label:x ", MaxConditions+1)
	if _, err := Compile(many, Options{}); err == nil || !strings.Contains(err.Error(), "101 IMM conditions; IMM allows 100") {
		t.Errorf("101 conditions: %v", err)
	}
	if _, err := Compile(strings.Repeat("label:x ", MaxConditions), Options{}); err != nil {
		t.Errorf("100 conditions: %v", err)
	}
	deep := "- ( - ( - ( - ( label:x or label:y ) ) ) )"
	if _, err := Compile(deep, Options{}); err == nil || !strings.Contains(err.Error(), "nests 6 levels deep") {
		t.Errorf("deep: %v", err)
	}
}

func TestJSONShowsTheQueryAsSent(t *testing.T) {
	q, _ := Compile("size>10MB -label:猫", Options{})
	want := `{
  "Operation": "and",
  "SubQueries": [
    {
      "Field": "Size",
      "Operation": "gt",
      "Value": "10000000"
    },
    {
      "Operation": "not",
      "SubQueries": [
        {
          "Field": "Labels.LabelName",
          "Operation": "eq",
          "Value": "猫"
        }
      ]
    }
  ]
}`
	if got := JSON(q); got != want {
		t.Errorf("got\n%s", got)
	}
	if JSON(nil) == "" {
		t.Error("nil renders as nothing")
	}
}

func TestTermRoundTripsThroughCompile(t *testing.T) {
	for _, v := range []string{"杭州", "new york", `say "hi"`, "a*", "-x", `back\slash`, "(p)", "or"} {
		text := Term("city", v)
		q, err := Compile(text, Options{})
		if err != nil {
			t.Errorf("%s: %v", text, err)
			continue
		}
		if !reflect.DeepEqual(*q, l("Addresses.City", "eq", v)) {
			t.Errorf("%s compiles to %s", text, JSON(q))
		}
	}
}
