package panes

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/immtui/immtui/imm"
	"github.com/immtui/immtui/ui/format"
)

// streamsPane shows the media container and each video, audio and
// subtitle stream with its codec and format attributes. Lyrics and
// subtitle text are blocks; every other value is one line.
type streamsPane struct{}

func (streamsPane) title() string { return "Streams" }
func (streamsPane) empty() string { return "no media streams in this file" }

func (streamsPane) fields() []string {
	return []string{"FormatName", "FormatLongName", "Duration", "StartTime", "Bitrate", "StreamCount",
		"ProgramCount", "VideoStreams", "AudioStreams", "Subtitles", "VideoWidth", "VideoHeight"}
}

func (streamsPane) lines(d *doc, f *imm.File) {
	d.section("Container", []kv{
		{k: "Format", v: f.FormatName},
		{k: "Long name", v: f.FormatLongName},
		{k: "Duration", v: format.Seconds(f.Duration)},
		{k: "Start", v: format.Seconds(f.StartTime)},
		{k: "Bitrate", v: format.Bitrate(f.Bitrate)},
		{k: "Video size", v: dims(f.VideoWidth, f.VideoHeight)},
		{k: "Streams", v: nonZero(f.StreamCount)},
		{k: "Programs", v: nonZero(f.ProgramCount)},
	})
	for _, v := range f.VideoStreams {
		d.title(fmt.Sprintf("Video stream %d", v.Index))
		rate := format.FrameRate(v.FrameRate)
		if avg := format.FrameRate(v.AverageFrameRate); avg != "" && avg != rate {
			rate = joinNonEmpty(", ", rate, "average "+avg)
		}
		d.kvs([]kv{
			{k: "Codec", v: codec(v.CodecName, v.CodecLongName, v.CodecTagString)},
			{k: "Codec tag", v: v.CodecTag},
			{k: "Codec time base", v: v.CodecTimeBase},
			{k: "Profile", v: joinNonEmpty(", level ", v.Profile, nonZero(v.Level))},
			{k: "Resolution", v: dims(v.Width, v.Height)},
			{k: "Aspect", v: joinNonEmpty(", sample ", v.DisplayAspectRatio, v.SampleAspectRatio)},
			{k: "Frame rate", v: rate},
			{k: "Frames", v: nonZero(v.FrameCount)},
			{k: "Rotation", v: degrees(v.Rotate, d.s.Glyphs)},
			{k: "Pixel format", v: v.PixelFormat},
			{k: "Bit depth", v: nonZero(v.BitDepth)},
			{k: "Colour space", v: v.ColorSpace},
			{k: "Colour range", v: v.ColorRange},
			{k: "Primaries", v: v.ColorPrimaries},
			{k: "Transfer", v: v.ColorTransfer},
			{k: "B-frames", v: nonZero(v.HasBFrames)},
			{k: "Bitrate", v: format.Bitrate(v.Bitrate)},
			{k: "Duration", v: format.Seconds(v.Duration)},
			{k: "Start", v: format.Seconds(v.StartTime)},
			{k: "Time base", v: v.TimeBase},
			{k: "Language", v: v.Language},
		})
	}
	for _, a := range f.AudioStreams {
		d.title(fmt.Sprintf("Audio stream %d", a.Index))
		rate := ""
		if a.SampleRate > 0 {
			rate = strconv.FormatInt(a.SampleRate, 10) + " Hz"
		}
		d.kvs([]kv{
			{k: "Codec", v: codec(a.CodecName, a.CodecLongName, a.CodecTagString)},
			{k: "Codec tag", v: a.CodecTag},
			{k: "Codec time base", v: a.CodecTimeBase},
			{k: "Channels", v: joinNonEmpty(", ", nonZero(a.Channels), a.ChannelLayout)},
			{k: "Sample rate", v: rate},
			{k: "Sample format", v: a.SampleFormat},
			{k: "Frames", v: nonZero(a.FrameCount)},
			{k: "Bitrate", v: format.Bitrate(a.Bitrate)},
			{k: "Duration", v: format.Seconds(a.Duration)},
			{k: "Start", v: format.Seconds(a.StartTime)},
			{k: "Time base", v: a.TimeBase},
			{k: "Language", v: a.Language},
			{k: "Lyric", v: a.Lyric, block: true},
		})
	}
	for _, t := range f.Subtitles {
		d.title(fmt.Sprintf("Subtitle stream %d", t.Index))
		d.kvs([]kv{
			{k: "Codec", v: codec(t.CodecName, t.CodecLongName, t.CodecTagString)},
			{k: "Codec tag", v: t.CodecTag},
			{k: "Language", v: t.Language},
			{k: "Size", v: dims(t.Width, t.Height)},
			{k: "Bitrate", v: format.Bitrate(t.Bitrate)},
			{k: "Duration", v: format.Seconds(t.Duration)},
			{k: "Start", v: format.Seconds(t.StartTime)},
		})
		if t.Content != "" {
			d.para(t.Content, d.s.Value, 2)
		}
	}
}

// codec renders "h264 (H.264 / AVC ..., avc1)".
func codec(name, long, tag string) string {
	extra := joinNonEmpty(", ", long, tag)
	if extra == "" {
		return name
	}
	if name == "" {
		return extra
	}
	return name + " (" + extra + ")"
}

// degrees renders a rotation; ffprobe sends it as a string.
func degrees(s string, g format.Glyphs) string {
	if s == "" || s == "0" {
		return ""
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s + strings.TrimRight(g.Degree(), " ")
	}
	return s
}
