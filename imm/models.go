package imm

// Models of the IMM 2020-09-30 API (docs/api.md §3).
//
// Presence: a model holds what IMM sent, and "absent" differs from "zero".
//   - Scalars are plain values with `omitempty`: the UI treats a missing
//     number like zero, and plain values keep structs compact (a page of 100
//     clusters is decoded on every scroll past a page end).
//   - A scalar IMM sent as zero (the first stream's Index 0, StartTime 0,
//     a face's Left 0 at the image edge, LabelAlias "") is recorded in the
//     struct's Extras and written back on encoding; a zero scalar not in
//     Extras was absent. Decoding records this on its own; data built in
//     code says it with Extras.KeepZero, and Extras.KeptZero asks.
//   - Nested objects that may be absent (Boundary, HeadPose, ImageScore,
//     Insights, Cover) are pointers: nil is absent, so "not fetched" and
//     "empty" differ. Absent arrays are nil slices.
//   - Every struct embeds Extras, which also keeps the keys the API sends
//     that this version does not model. Re-encoding puts everything kept
//     back, so the Raw pane shows what the server sent and a decode/encode
//     round trip loses nothing.
//   - Free JSON objects (CustomLabels, OSSTagging, OSSUserMeta) are
//     map[string]any: the docs show string values but do not promise them.

// FigureCluster is a group of faces that IMM believes are one person.
type FigureCluster struct {
	ObjectId        string         `json:"ObjectId,omitempty"`
	ObjectType      string         `json:"ObjectType,omitempty"`
	OwnerId         string         `json:"OwnerId,omitempty"`
	ProjectName     string         `json:"ProjectName,omitempty"`
	DatasetName     string         `json:"DatasetName,omitempty"`
	Name            string         `json:"Name,omitempty"`
	CustomId        string         `json:"CustomId,omitempty"`
	Gender          string         `json:"Gender,omitempty"`
	CustomLabels    map[string]any `json:"CustomLabels,omitempty"`
	FaceCount       int64          `json:"FaceCount,omitempty"`
	ImageCount      int64          `json:"ImageCount,omitempty"`
	VideoCount      int64          `json:"VideoCount,omitempty"`
	AverageAge      float64        `json:"AverageAge,omitempty"`
	MinAge          float64        `json:"MinAge,omitempty"`
	MaxAge          float64        `json:"MaxAge,omitempty"`
	Cover           *File          `json:"Cover,omitempty"`
	CreateTime      string         `json:"CreateTime,omitempty"`
	UpdateTime      string         `json:"UpdateTime,omitempty"`
	MetaLockVersion int64          `json:"MetaLockVersion,omitempty"`
	Extras          `json:"-"`
}

// File is the metadata IMM holds for one indexed object.
type File struct {
	URI          string `json:"URI,omitempty"`
	OSSURI       string `json:"OSSURI,omitempty"`
	ObjectId     string `json:"ObjectId,omitempty"`
	ObjectType   string `json:"ObjectType,omitempty"`
	ObjectStatus string `json:"ObjectStatus,omitempty"`
	Reason       string `json:"Reason,omitempty"`
	OwnerId      string `json:"OwnerId,omitempty"`
	ProjectName  string `json:"ProjectName,omitempty"`
	DatasetName  string `json:"DatasetName,omitempty"`
	CustomId     string `json:"CustomId,omitempty"`
	Filename     string `json:"Filename,omitempty"`
	MediaType    string `json:"MediaType,omitempty"`
	ContentType  string `json:"ContentType,omitempty"`

	Size            int64   `json:"Size,omitempty"`
	ImageWidth      int64   `json:"ImageWidth,omitempty"`
	ImageHeight     int64   `json:"ImageHeight,omitempty"`
	VideoWidth      int64   `json:"VideoWidth,omitempty"`
	VideoHeight     int64   `json:"VideoHeight,omitempty"`
	Orientation     int64   `json:"Orientation,omitempty"`
	FigureCount     int64   `json:"FigureCount,omitempty"`
	PageCount       int64   `json:"PageCount,omitempty"`
	StreamCount     int64   `json:"StreamCount,omitempty"`
	ProgramCount    int64   `json:"ProgramCount,omitempty"`
	Bitrate         int64   `json:"Bitrate,omitempty"`
	OSSTaggingCount int64   `json:"OSSTaggingCount,omitempty"`
	Duration        float64 `json:"Duration,omitempty"`
	StartTime       float64 `json:"StartTime,omitempty"`

	CreateTime       string `json:"CreateTime,omitempty"`
	UpdateTime       string `json:"UpdateTime,omitempty"`
	FileCreateTime   string `json:"FileCreateTime,omitempty"`
	FileModifiedTime string `json:"FileModifiedTime,omitempty"`
	FileAccessTime   string `json:"FileAccessTime,omitempty"`
	ProduceTime      string `json:"ProduceTime,omitempty"`

	LatLong  string `json:"LatLong,omitempty"`
	EXIF     string `json:"EXIF,omitempty"`
	OCRTexts string `json:"OCRTexts,omitempty"`

	FormatName     string `json:"FormatName,omitempty"`
	FormatLongName string `json:"FormatLongName,omitempty"`
	Language       string `json:"Language,omitempty"`
	Timezone       string `json:"Timezone,omitempty"`
	Title          string `json:"Title,omitempty"`
	Album          string `json:"Album,omitempty"`
	AlbumArtist    string `json:"AlbumArtist,omitempty"`
	Artist         string `json:"Artist,omitempty"`
	Composer       string `json:"Composer,omitempty"`
	Performer      string `json:"Performer,omitempty"`

	CustomLabels map[string]any `json:"CustomLabels,omitempty"`
	OSSTagging   map[string]any `json:"OSSTagging,omitempty"`
	OSSUserMeta  map[string]any `json:"OSSUserMeta,omitempty"`

	ContentMd5                            string `json:"ContentMd5,omitempty"`
	ETag                                  string `json:"ETag,omitempty"`
	FileHash                              string `json:"FileHash,omitempty"`
	OSSCRC64                              string `json:"OSSCRC64,omitempty"`
	OSSStorageClass                       string `json:"OSSStorageClass,omitempty"`
	OSSObjectType                         string `json:"OSSObjectType,omitempty"`
	OSSVersionId                          string `json:"OSSVersionId,omitempty"`
	OSSDeleteMarker                       string `json:"OSSDeleteMarker,omitempty"`
	OSSExpiration                         string `json:"OSSExpiration,omitempty"`
	ObjectACL                             string `json:"ObjectACL,omitempty"`
	CacheControl                          string `json:"CacheControl,omitempty"`
	ContentDisposition                    string `json:"ContentDisposition,omitempty"`
	ContentEncoding                       string `json:"ContentEncoding,omitempty"`
	ContentLanguage                       string `json:"ContentLanguage,omitempty"`
	AccessControlAllowOrigin              string `json:"AccessControlAllowOrigin,omitempty"`
	AccessControlRequestMethod            string `json:"AccessControlRequestMethod,omitempty"`
	ServerSideEncryption                  string `json:"ServerSideEncryption,omitempty"`
	ServerSideDataEncryption              string `json:"ServerSideDataEncryption,omitempty"`
	ServerSideEncryptionKeyId             string `json:"ServerSideEncryptionKeyId,omitempty"`
	ServerSideEncryptionCustomerAlgorithm string `json:"ServerSideEncryptionCustomerAlgorithm,omitempty"`
	TravelClusterId                       string `json:"TravelClusterId,omitempty"`

	Figures             []Figure             `json:"Figures,omitempty"`
	Labels              []Label              `json:"Labels,omitempty"`
	OCRContents         []OCRContents        `json:"OCRContents,omitempty"`
	Addresses           []Address            `json:"Addresses,omitempty"`
	VideoStreams        []VideoStream        `json:"VideoStreams,omitempty"`
	AudioStreams        []AudioStream        `json:"AudioStreams,omitempty"`
	Subtitles           []SubtitleStream     `json:"Subtitles,omitempty"`
	CroppingSuggestions []CroppingSuggestion `json:"CroppingSuggestions,omitempty"`
	ImageScore          *ImageScore          `json:"ImageScore,omitempty"`
	Insights            *Insights            `json:"Insights,omitempty"`
	Elements            []Element            `json:"Elements,omitempty"`
	SceneElements       []SceneElement       `json:"SceneElements,omitempty"`
	AudioCovers         []Image              `json:"AudioCovers,omitempty"`
	SemanticTypes       []string             `json:"SemanticTypes,omitempty"`

	Extras `json:"-"`
}

// Figure is one detected face.
type Figure struct {
	FigureId                string    `json:"FigureId,omitempty"`
	FigureClusterId         string    `json:"FigureClusterId,omitempty"`
	FigureType              string    `json:"FigureType,omitempty"`
	Gender                  string    `json:"Gender,omitempty"`
	Emotion                 string    `json:"Emotion,omitempty"`
	Beard                   string    `json:"Beard,omitempty"`
	Glasses                 string    `json:"Glasses,omitempty"`
	Hat                     string    `json:"Hat,omitempty"`
	Mask                    string    `json:"Mask,omitempty"`
	Mouth                   string    `json:"Mouth,omitempty"`
	Age                     int64     `json:"Age,omitempty"`
	AgeSD                   float64   `json:"AgeSD,omitempty"`
	FigureConfidence        float64   `json:"FigureConfidence,omitempty"`
	FigureClusterConfidence float64   `json:"FigureClusterConfidence,omitempty"`
	GenderConfidence        float64   `json:"GenderConfidence,omitempty"`
	EmotionConfidence       float64   `json:"EmotionConfidence,omitempty"`
	BeardConfidence         float64   `json:"BeardConfidence,omitempty"`
	GlassesConfidence       float64   `json:"GlassesConfidence,omitempty"`
	HatConfidence           float64   `json:"HatConfidence,omitempty"`
	MaskConfidence          float64   `json:"MaskConfidence,omitempty"`
	MouthConfidence         float64   `json:"MouthConfidence,omitempty"`
	Attractive              float64   `json:"Attractive,omitempty"`
	FaceQuality             float64   `json:"FaceQuality,omitempty"`
	Sharpness               float64   `json:"Sharpness,omitempty"`
	Boundary                *Boundary `json:"Boundary,omitempty"`
	HeadPose                *HeadPose `json:"HeadPose,omitempty"`
	Extras                  `json:"-"`
}

// Reserved FigureClusterId values (docs/api.md §2).
const (
	ClusterIndependent = "figure-cluster-id-independent" // the face belongs to no cluster
	ClusterUnavailable = "figure-cluster-id-unavailable" // clustering has not run yet
)

// Boundary is a rectangle in pixels, with an optional polygon.
type Boundary struct {
	Left    int64        `json:"Left,omitempty"`
	Top     int64        `json:"Top,omitempty"`
	Width   int64        `json:"Width,omitempty"`
	Height  int64        `json:"Height,omitempty"`
	Polygon []PointInt64 `json:"Polygon,omitempty"`
	Extras  `json:"-"`
}

// PointInt64 is one polygon vertex.
type PointInt64 struct {
	X      int64 `json:"X,omitempty"`
	Y      int64 `json:"Y,omitempty"`
	Extras `json:"-"`
}

// HeadPose is in degrees, -180..180.
type HeadPose struct {
	Pitch  float64 `json:"Pitch,omitempty"`
	Roll   float64 `json:"Roll,omitempty"`
	Yaw    float64 `json:"Yaw,omitempty"`
	Extras `json:"-"`
}

// Label is a detected tag; LabelLevel is 1, 2 or 3.
type Label struct {
	LabelName       string  `json:"LabelName,omitempty"`
	LabelAlias      string  `json:"LabelAlias,omitempty"`
	ParentLabelName string  `json:"ParentLabelName,omitempty"`
	Language        string  `json:"Language,omitempty"`
	LabelLevel      int64   `json:"LabelLevel,omitempty"`
	LabelConfidence float64 `json:"LabelConfidence,omitempty"`
	CentricScore    float64 `json:"CentricScore,omitempty"`
	Clips           []Clip  `json:"Clips,omitempty"`
	Extras          `json:"-"`
}

// Clip is a time range in milliseconds within a video.
type Clip struct {
	TimeRange []int64 `json:"TimeRange,omitempty"`
	Extras    `json:"-"`
}

// OCRContents is one recognised block of text.
type OCRContents struct {
	Contents   string    `json:"Contents,omitempty"`
	Confidence float64   `json:"Confidence,omitempty"`
	Language   string    `json:"Language,omitempty"`
	Boundary   *Boundary `json:"Boundary,omitempty"`
	Extras     `json:"-"`
}

// Address is a reverse-geocoded location in one language.
type Address struct {
	AddressLine string `json:"AddressLine,omitempty"`
	Country     string `json:"Country,omitempty"`
	Province    string `json:"Province,omitempty"`
	City        string `json:"City,omitempty"`
	District    string `json:"District,omitempty"`
	Township    string `json:"Township,omitempty"`
	Language    string `json:"Language,omitempty"`
	Extras      `json:"-"`
}

// VideoStream describes one video stream of a media file.
type VideoStream struct {
	Index              int64   `json:"Index,omitempty"`
	Width              int64   `json:"Width,omitempty"`
	Height             int64   `json:"Height,omitempty"`
	Bitrate            int64   `json:"Bitrate,omitempty"`
	FrameCount         int64   `json:"FrameCount,omitempty"`
	BitDepth           int64   `json:"BitDepth,omitempty"`
	Level              int64   `json:"Level,omitempty"`
	HasBFrames         int64   `json:"HasBFrames,omitempty"`
	Duration           float64 `json:"Duration,omitempty"`
	StartTime          float64 `json:"StartTime,omitempty"`
	CodecName          string  `json:"CodecName,omitempty"`
	CodecLongName      string  `json:"CodecLongName,omitempty"`
	CodecTag           string  `json:"CodecTag,omitempty"`
	CodecTagString     string  `json:"CodecTagString,omitempty"`
	CodecTimeBase      string  `json:"CodecTimeBase,omitempty"`
	Profile            string  `json:"Profile,omitempty"`
	PixelFormat        string  `json:"PixelFormat,omitempty"`
	ColorSpace         string  `json:"ColorSpace,omitempty"`
	ColorRange         string  `json:"ColorRange,omitempty"`
	ColorTransfer      string  `json:"ColorTransfer,omitempty"`
	ColorPrimaries     string  `json:"ColorPrimaries,omitempty"`
	Language           string  `json:"Language,omitempty"`
	TimeBase           string  `json:"TimeBase,omitempty"`
	Rotate             string  `json:"Rotate,omitempty"`
	FrameRate          string  `json:"FrameRate,omitempty"`
	AverageFrameRate   string  `json:"AverageFrameRate,omitempty"`
	DisplayAspectRatio string  `json:"DisplayAspectRatio,omitempty"`
	SampleAspectRatio  string  `json:"SampleAspectRatio,omitempty"`
	Extras             `json:"-"`
}

// AudioStream describes one audio stream of a media file.
type AudioStream struct {
	Index          int64   `json:"Index,omitempty"`
	Bitrate        int64   `json:"Bitrate,omitempty"`
	Channels       int64   `json:"Channels,omitempty"`
	SampleRate     int64   `json:"SampleRate,omitempty"`
	FrameCount     int64   `json:"FrameCount,omitempty"`
	Duration       float64 `json:"Duration,omitempty"`
	StartTime      float64 `json:"StartTime,omitempty"`
	CodecName      string  `json:"CodecName,omitempty"`
	CodecLongName  string  `json:"CodecLongName,omitempty"`
	CodecTag       string  `json:"CodecTag,omitempty"`
	CodecTagString string  `json:"CodecTagString,omitempty"`
	CodecTimeBase  string  `json:"CodecTimeBase,omitempty"`
	ChannelLayout  string  `json:"ChannelLayout,omitempty"`
	SampleFormat   string  `json:"SampleFormat,omitempty"`
	TimeBase       string  `json:"TimeBase,omitempty"`
	Language       string  `json:"Language,omitempty"`
	Lyric          string  `json:"Lyric,omitempty"`
	Extras         `json:"-"`
}

// SubtitleStream describes one subtitle stream, with its text.
type SubtitleStream struct {
	Index          int64   `json:"Index,omitempty"`
	Bitrate        int64   `json:"Bitrate,omitempty"`
	Width          int64   `json:"Width,omitempty"`
	Height         int64   `json:"Height,omitempty"`
	Duration       float64 `json:"Duration,omitempty"`
	StartTime      float64 `json:"StartTime,omitempty"`
	CodecName      string  `json:"CodecName,omitempty"`
	CodecLongName  string  `json:"CodecLongName,omitempty"`
	CodecTag       string  `json:"CodecTag,omitempty"`
	CodecTagString string  `json:"CodecTagString,omitempty"`
	Content        string  `json:"Content,omitempty"`
	Language       string  `json:"Language,omitempty"`
	Extras         `json:"-"`
}

// CroppingSuggestion is a suggested crop for an aspect ratio.
type CroppingSuggestion struct {
	AspectRatio string    `json:"AspectRatio,omitempty"`
	Confidence  float64   `json:"Confidence,omitempty"`
	Boundary    *Boundary `json:"Boundary,omitempty"`
	Extras      `json:"-"`
}

// ImageScore is IMM's aesthetic quality score, 0..1.
type ImageScore struct {
	OverallQualityScore float64 `json:"OverallQualityScore,omitempty"`
	Extras              `json:"-"`
}

// Image is an embedded picture (the type of AudioCovers).
type Image struct {
	ImageWidth          int64                `json:"ImageWidth,omitempty"`
	ImageHeight         int64                `json:"ImageHeight,omitempty"`
	EXIF                string               `json:"EXIF,omitempty"`
	ImageScore          *ImageScore          `json:"ImageScore,omitempty"`
	CroppingSuggestions []CroppingSuggestion `json:"CroppingSuggestions,omitempty"`
	OCRContents         []OCRContents        `json:"OCRContents,omitempty"`
	Extras              `json:"-"`
}

// Insights are generated captions and descriptions.
type Insights struct {
	Image  *Insight `json:"Image,omitempty"`
	Video  *Insight `json:"Video,omitempty"`
	Extras `json:"-"`
}

// Insight is one caption and description pair.
type Insight struct {
	Caption     string `json:"Caption,omitempty"`
	Description string `json:"Description,omitempty"`
	Extras      `json:"-"`
}

// Element is a structural part of a document (title, image, table, text).
type Element struct {
	ObjectId           string            `json:"ObjectId,omitempty"`
	ElementType        string            `json:"ElementType,omitempty"`
	SemanticSimilarity float64           `json:"SemanticSimilarity,omitempty"`
	ElementContents    []ElementContent  `json:"ElementContents,omitempty"`
	ElementRelations   []ElementRelation `json:"ElementRelations,omitempty"`
	Extras             `json:"-"`
}

// ElementContent is one piece of an Element; Type is text, image or link.
type ElementContent struct {
	Content   string  `json:"Content,omitempty"`
	Type      string  `json:"Type,omitempty"`
	URL       string  `json:"URL,omitempty"`
	TimeRange []int64 `json:"TimeRange,omitempty"`
	Extras    `json:"-"`
}

// ElementRelation links two Elements.
type ElementRelation struct {
	ObjectId string `json:"ObjectId,omitempty"`
	Type     string `json:"Type,omitempty"`
	Extras   `json:"-"`
}

// SceneElement is a scene of a video with its labels.
type SceneElement struct {
	TimeRange        []int64 `json:"TimeRange,omitempty"`
	FrameTimes       []int64 `json:"FrameTimes,omitempty"`
	Labels           []Label `json:"Labels,omitempty"`
	VideoStreamIndex int64   `json:"VideoStreamIndex,omitempty"`
	Extras           `json:"-"`
}

// Project is an IMM project.
type Project struct {
	ProjectName             string       `json:"ProjectName,omitempty"`
	Description             string       `json:"Description,omitempty"`
	ServiceRole             string       `json:"ServiceRole,omitempty"`
	TemplateId              string       `json:"TemplateId,omitempty"`
	CreateTime              string       `json:"CreateTime,omitempty"`
	UpdateTime              string       `json:"UpdateTime,omitempty"`
	DatasetCount            int64        `json:"DatasetCount,omitempty"`
	FileCount               int64        `json:"FileCount,omitempty"`
	TotalFileSize           int64        `json:"TotalFileSize,omitempty"`
	ProjectMaxDatasetCount  int64        `json:"ProjectMaxDatasetCount,omitempty"`
	ProjectQueriesPerSecond int64        `json:"ProjectQueriesPerSecond,omitempty"`
	EngineConcurrency       int64        `json:"EngineConcurrency,omitempty"`
	DatasetMaxBindCount     int64        `json:"DatasetMaxBindCount,omitempty"`
	DatasetMaxEntityCount   int64        `json:"DatasetMaxEntityCount,omitempty"`
	DatasetMaxFileCount     int64        `json:"DatasetMaxFileCount,omitempty"`
	DatasetMaxRelationCount int64        `json:"DatasetMaxRelationCount,omitempty"`
	DatasetMaxTotalFileSize int64        `json:"DatasetMaxTotalFileSize,omitempty"`
	Tags                    []ProjectTag `json:"Tags,omitempty"`
	Extras                  `json:"-"`
}

// ProjectTag is one tag of a project.
type ProjectTag struct {
	TagKey   string `json:"TagKey,omitempty"`
	TagValue string `json:"TagValue,omitempty"`
	Extras   `json:"-"`
}

// Dataset is an IMM dataset inside a project.
type Dataset struct {
	ProjectName             string `json:"ProjectName,omitempty"`
	DatasetName             string `json:"DatasetName,omitempty"`
	Description             string `json:"Description,omitempty"`
	TemplateId              string `json:"TemplateId,omitempty"`
	CreateTime              string `json:"CreateTime,omitempty"`
	UpdateTime              string `json:"UpdateTime,omitempty"`
	BindCount               int64  `json:"BindCount,omitempty"`
	FileCount               int64  `json:"FileCount,omitempty"`
	TotalFileSize           int64  `json:"TotalFileSize,omitempty"`
	DatasetMaxBindCount     int64  `json:"DatasetMaxBindCount,omitempty"`
	DatasetMaxEntityCount   int64  `json:"DatasetMaxEntityCount,omitempty"`
	DatasetMaxFileCount     int64  `json:"DatasetMaxFileCount,omitempty"`
	DatasetMaxRelationCount int64  `json:"DatasetMaxRelationCount,omitempty"`
	DatasetMaxTotalFileSize int64  `json:"DatasetMaxTotalFileSize,omitempty"`
	Extras                  `json:"-"`
}

// SimpleQuery is the query tree of the SimpleQuery action (docs/api.md §2).
// Value is always a string, even for numbers.
type SimpleQuery struct {
	Field      string        `json:"Field,omitempty"`
	Operation  string        `json:"Operation,omitempty"`
	SubQueries []SimpleQuery `json:"SubQueries,omitempty"`
	Value      string        `json:"Value,omitempty"`
}

// TimeRange bounds CreateTime/UpdateTime filters (RFC3339 strings).
type TimeRange struct {
	Start string `json:"Start,omitempty"`
	End   string `json:"End,omitempty"`
}

// Aggregation asks SimpleQuery for a statistic over a field.
type Aggregation struct {
	Field     string `json:"Field,omitempty"`
	Operation string `json:"Operation,omitempty"`
}

// AggregationResult is one answered Aggregation.
type AggregationResult struct {
	Field     string             `json:"Field,omitempty"`
	Operation string             `json:"Operation,omitempty"`
	Value     float64            `json:"Value,omitempty"`
	Groups    []AggregationGroup `json:"Groups,omitempty"`
}

// AggregationGroup is one bucket of a group aggregation.
type AggregationGroup struct {
	Count int64  `json:"Count,omitempty"`
	Value string `json:"Value,omitempty"`
}
