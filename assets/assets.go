// Package assets holds the embedded vocabulary the demo dataset is
// generated from: people, a label taxonomy in zh-Hans and en, places with
// addresses in both languages, OCR phrases, captions, documents, cameras,
// codecs and music. The data lives in the JSON files next to this one so it
// can be read and extended without touching code.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
	"sync"
)

//go:embed *.json
var files embed.FS

// Vocab is the whole vocabulary, parsed once. Treat it as read-only: it is
// shared by every caller.
type Vocab struct {
	People         []Person             `json:"people"`
	Surnames       []string             `json:"surnames"`
	GivenFemale    []string             `json:"givenFemale"`
	GivenMale      []string             `json:"givenMale"`
	EnglishFemale  []string             `json:"englishFemale"`
	EnglishMale    []string             `json:"englishMale"`
	EnglishSurname []string             `json:"englishSurnames"`
	ClusterLabels  []CustomLabel        `json:"clusterLabels"`
	FileLabels     []CustomLabel        `json:"fileLabels"`
	Labels         []LabelNode          `json:"labels"`
	Places         []Place              `json:"places"`
	Scenes         []Scene              `json:"scenes"`
	Signs          []string             `json:"signs"`
	Documents      []Document           `json:"documents"`
	Subtitles      map[string][]string  `json:"subtitles"`
	Failures       []Failure            `json:"failures"`
	Faces          FaceAttributes       `json:"-"`
	Cameras        []Camera             `json:"cameras"`
	VideoCodecs    []VideoCodec         `json:"videoCodecs"`
	AudioCodecs    []AudioCodec         `json:"audioCodecs"`
	Resolutions    []Resolution         `json:"resolutions"`
	FrameRates     []string             `json:"frameRates"`
	Containers     map[string]Container `json:"containers"`
	ContentTypes   map[string]string    `json:"contentTypes"`
	Music          []MusicAlbum         `json:"music"`
	Others         []OtherFile          `json:"others"`
	Buckets        []string             `json:"buckets"`
	StorageClasses []string             `json:"storageClasses"`

	labelPaths map[string][]LabelNode // en name -> chain from level 1
	labelOrder []string               // en names, depth first in file order
}

// Person is a named individual faces are clustered into.
type Person struct {
	Name   string `json:"name"`
	Gender string `json:"gender"`        // female or male, as Figure.Gender
	Age    string `json:"age,omitempty"` // child, adult or senior when the name implies it (爷爷 is not a child)
}

// CustomLabel is a key with the values it may take.
type CustomLabel struct {
	Key    string   `json:"key"`
	Values []string `json:"values"`
}

// LabelNode is one label of the taxonomy; children are one level deeper.
type LabelNode struct {
	Zh       string      `json:"zh"`
	En       string      `json:"en"`
	AliasZh  string      `json:"aliasZh,omitempty"`
	AliasEn  string      `json:"aliasEn,omitempty"`
	Children []LabelNode `json:"children,omitempty"`
}

// Address is one reverse-geocoded address in one language, keyed like the
// API's Address model.
type Address struct {
	Language    string `json:"Language"`
	Country     string `json:"Country"`
	Province    string `json:"Province"`
	City        string `json:"City"`
	District    string `json:"District"`
	Township    string `json:"Township"`
	AddressLine string `json:"AddressLine"`
}

// Place is where a photo was taken.
type Place struct {
	Album     string  `json:"album"` // folder name for photos taken there
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
	Timezone  string  `json:"timezone"` // IANA name
	Zh        Address `json:"zh"`
	En        Address `json:"en"`
}

// Scene is what a photo or video shows: labels (by en name), captions and
// the text visible in it.
type Scene struct {
	Labels        []string `json:"labels"`
	People        bool     `json:"people"`    // faces appear in it
	TextHeavy     bool     `json:"textHeavy"` // screenshots, receipts: much OCR
	CaptionZh     string   `json:"captionZh"`
	CaptionEn     string   `json:"captionEn"`
	DescriptionZh string   `json:"descriptionZh"`
	DescriptionEn string   `json:"descriptionEn"`
	OCR           []string `json:"ocr"`
}

// Document is the text of an office document or PDF.
type Document struct {
	Filename   string     `json:"filename"`
	Ext        string     `json:"ext"`
	Title      string     `json:"title"`
	Paragraphs []string   `json:"paragraphs"`
	Table      [][]string `json:"table"`
}

// Failure is an indexing error as File.Reason reports it.
type Failure struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

// Weighted is a value with a relative weight.
type Weighted struct {
	Value  string `json:"value"`
	Weight int    `json:"weight"`
}

// FaceAttributes are the values of the Figure attribute fields.
type FaceAttributes struct {
	Emotion []Weighted `json:"emotion"`
	Glasses []Weighted `json:"glasses"`
	Mouth   []Weighted `json:"mouth"`
	Beard   []Weighted `json:"beard"`
	Hat     []Weighted `json:"hat"`
	Mask    []Weighted `json:"mask"`
}

// Camera is a device that took photos.
type Camera struct {
	Make     string `json:"make"`
	Model    string `json:"model"`
	Lens     string `json:"lens"`
	Software string `json:"software"`
	Width    int64  `json:"width"`
	Height   int64  `json:"height"`
	Ext      string `json:"ext"` // file extension it writes
}

// VideoCodec is a video codec as ffprobe names it.
type VideoCodec struct {
	Name        string   `json:"name"`
	LongName    string   `json:"longName"`
	Tag         string   `json:"tag"`
	TagString   string   `json:"tagString"`
	Profiles    []string `json:"profiles"`
	Levels      []int64  `json:"levels"`
	PixelFormat string   `json:"pixelFormat"`
	BitDepth    int64    `json:"bitDepth"`
}

// AudioCodec is an audio codec as ffprobe names it.
type AudioCodec struct {
	Name         string `json:"name"`
	LongName     string `json:"longName"`
	Tag          string `json:"tag"`
	TagString    string `json:"tagString"`
	SampleFormat string `json:"sampleFormat"`
}

// Resolution is a video frame size.
type Resolution struct {
	Width  int64  `json:"width"`
	Height int64  `json:"height"`
	Aspect string `json:"aspect"`
}

// Container is a media container by file extension.
type Container struct {
	FormatName     string `json:"formatName"`
	FormatLongName string `json:"formatLongName"`
	ContentType    string `json:"contentType"`
}

// MusicAlbum is an album of audio tracks.
type MusicAlbum struct {
	Artist   string   `json:"artist"`
	Album    string   `json:"album"`
	Composer string   `json:"composer"`
	Year     int      `json:"year"`
	Tracks   []string `json:"tracks"`
}

// OtherFile is a file IMM does not analyse (archives and the like).
type OtherFile struct {
	Name      string `json:"name"`
	Ext       string `json:"ext"`
	MediaType string `json:"mediaType"`
}

var vocabulary = sync.OnceValues(load)

// Vocabulary returns the parsed vocabulary. The embedded files are part of
// the binary and checked by tests, so a parse error is a build defect and
// panics.
func Vocabulary() *Vocab {
	v, err := vocabulary()
	if err != nil {
		panic(err)
	}
	return v
}

func load() (*Vocab, error) {
	v := &Vocab{}
	// Each file fills its own fields of v; keys starting with _ are comments.
	for _, name := range []string{"names.json", "labels.json", "places.json", "text.json", "media.json"} {
		if err := decode(name, v); err != nil {
			return nil, err
		}
	}
	if err := decode("faces.json", &v.Faces); err != nil {
		return nil, err
	}
	if err := v.check(); err != nil {
		return nil, err
	}
	return v, nil
}

func decode(name string, into any) error {
	b, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("assets: %s: %w", name, err)
	}
	if err := json.Unmarshal(b, into); err != nil {
		return fmt.Errorf("assets: %s: %w", name, err)
	}
	return nil
}
