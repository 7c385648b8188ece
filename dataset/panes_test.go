package dataset

import (
	"encoding/json"
	"testing"

	"github.com/immtui/immtui/imm"
)

// coverage records which pane-relevant features appear somewhere.
type coverage map[string]int

func (c coverage) see(name string, ok bool) {
	if ok {
		c[name]++
	}
}

func survey(t *testing.T, d *Dataset) coverage {
	t.Helper()
	c := coverage{}
	for _, f := range d.Files {
		c.see("media "+f.MediaType, true)
		for _, l := range f.Labels {
			c.see("label level "+string(rune('0'+l.LabelLevel)), true)
			c.see("label "+l.Language, true)
			c.see("label alias", l.LabelAlias != "")
			c.see("label clips", len(l.Clips) > 0 && len(l.Clips[0].TimeRange) == 2)
			if l.LabelLevel > 1 && l.ParentLabelName == "" {
				t.Fatalf("%s: level %d label %q has no parent", f.URI, l.LabelLevel, l.LabelName)
			}
			if l.LabelConfidence <= 0 || l.CentricScore <= 0 {
				t.Fatalf("%s: label %q scores %v %v", f.URI, l.LabelName, l.LabelConfidence, l.CentricScore)
			}
		}
		for _, o := range f.OCRContents {
			c.see("ocr "+o.Language, o.Boundary != nil && o.Confidence > 0 && o.Contents != "")
		}
		c.see("ocr texts", f.OCRTexts != "")
		if f.MediaType == "document" {
			c["document ocr bytes"] += len(f.OCRTexts)
			c["documents"]++
		} else if f.MediaType == "image" {
			c["image ocr bytes"] += len(f.OCRTexts)
			c["images"]++
		}
		for _, v := range f.VideoStreams {
			c.see("video "+v.CodecName, v.Profile != "" && v.Width > 0 && v.FrameRate != "" && v.PixelFormat != "" &&
				v.ColorSpace != "" && v.ColorPrimaries != "" && v.ColorTransfer != "" && v.Bitrate > 0 && v.Rotate != "")
			c.see("frame rate 30000/1001", v.FrameRate == "30000/1001")
			c.see("rotated", v.Rotate == "90")
		}
		for _, a := range f.AudioStreams {
			c.see("audio "+a.CodecName, a.Channels > 0 && a.SampleRate > 0 && a.ChannelLayout != "")
		}
		for _, s := range f.Subtitles {
			c.see("subtitles", s.Content != "")
		}
		if f.MediaType == "video" {
			c.see("video container", f.FormatName != "" && f.FormatLongName != "" && f.Duration > 0 &&
				f.Bitrate > 0 && f.StreamCount >= 2 && f.ProgramCount > 0)
			c.see("scene elements", len(f.SceneElements) > 0 && len(f.SceneElements[0].Labels) > 0)
			c.see("video insight", f.Insights != nil && f.Insights.Video != nil && f.Insights.Video.Caption != "")
		}
		c.see("audio metadata", f.Artist != "" && f.Album != "")
		c.see("audio covers", len(f.AudioCovers) > 0)
		for _, a := range f.Addresses {
			c.see("address "+a.Language, a.AddressLine != "" && a.Country != "" && a.Province != "" &&
				a.City != "" && a.District != "" && a.Township != "")
		}
		c.see("latlong and timezone", f.LatLong != "" && f.Timezone != "")
		if f.EXIF != "" {
			var exif map[string]struct{ Value string }
			if err := json.Unmarshal([]byte(f.EXIF), &exif); err != nil {
				t.Fatalf("%s: EXIF is not JSON: %v", f.URI, err)
			}
			c.see("exif make", exif["Make"].Value != "")
		}
		c.see("image insight", f.Insights != nil && f.Insights.Image != nil && f.Insights.Image.Description != "")
		c.see("cropping", len(f.CroppingSuggestions) > 0)
		c.see("image score", f.ImageScore != nil)
		for _, e := range f.Elements {
			c.see("element "+e.ElementType, len(e.ElementContents) > 0)
		}
		c.see("oss", f.ETag != "" && f.OSSCRC64 != "" && f.OSSStorageClass != "" && f.ContentMd5 != "")
		c.see("oss tagging", len(f.OSSTagging) > 0)
		c.see("oss user meta", len(f.OSSUserMeta) > 0)
		c.see("custom labels", len(f.CustomLabels) > 0)
	}
	return c
}

func TestEveryPaneHasDataSomewhere(t *testing.T) {
	t.Parallel()
	want := []string{
		"media image", "media video", "media audio", "media document", "media other", "media archive",
		"label level 1", "label level 2", "label level 3", "label zh-Hans", "label en", "label alias", "label clips",
		"ocr zh-hans", "ocr en", "ocr texts",
		"video h264", "video hevc", "frame rate 30000/1001", "rotated", "audio aac", "audio mp3", "audio flac", "subtitles",
		"video container", "scene elements", "video insight", "audio metadata", "audio covers",
		"address zh-Hans", "address en", "latlong and timezone", "exif make", "image insight", "cropping", "image score",
		"element title", "element narrative-text", "element table",
		"oss", "oss tagging", "oss user meta", "custom labels",
	}
	for name, d := range datasets() {
		c := survey(t, d)
		for _, w := range want {
			if c[w] == 0 {
				t.Errorf("%s: nothing has %q", name, w)
			}
		}
		// Documents carry more text than photos.
		if c["document ocr bytes"]*c["images"] <= c["image ocr bytes"]*c["documents"] {
			t.Errorf("%s: documents average no more OCR text than images", name)
		}
	}
}

func TestLeanFilesShareLabelsButKeepFacesAndStreams(t *testing.T) {
	d := lean()
	var leanImage *imm.File
	for i := range d.Files {
		f := &d.Files[i]
		if i%3 != 0 && f.MediaType == "image" && f.ObjectStatus == "Indexed" && len(f.Figures) > 0 {
			leanImage = f
			break
		}
	}
	if leanImage == nil {
		t.Fatal("no lean image with faces")
	}
	if len(leanImage.Labels) == 0 || leanImage.EXIF == "" && leanImage.ImageWidth == 0 || leanImage.Insights == nil {
		t.Fatalf("lean image %s lacks labels, size or insights", leanImage.URI)
	}
	if len(leanImage.CroppingSuggestions) != 0 {
		t.Fatalf("lean image %s has per-file cropping suggestions", leanImage.URI)
	}
}
