package imm

// Code below keeps Extras on every model; see extras.go.

// UnmarshalJSON decodes a FigureCluster and keeps unknown and zero-valued keys.
func (v *FigureCluster) UnmarshalJSON(b []byte) error {
	type plain FigureCluster
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a FigureCluster with the keys kept at decoding.
func (v FigureCluster) MarshalJSON() ([]byte, error) {
	type plain FigureCluster
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a File and keeps unknown and zero-valued keys.
func (v *File) UnmarshalJSON(b []byte) error {
	type plain File
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a File with the keys kept at decoding.
func (v File) MarshalJSON() ([]byte, error) {
	type plain File
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Figure and keeps unknown and zero-valued keys.
func (v *Figure) UnmarshalJSON(b []byte) error {
	type plain Figure
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Figure with the keys kept at decoding.
func (v Figure) MarshalJSON() ([]byte, error) {
	type plain Figure
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Boundary and keeps unknown and zero-valued keys.
func (v *Boundary) UnmarshalJSON(b []byte) error {
	type plain Boundary
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Boundary with the keys kept at decoding.
func (v Boundary) MarshalJSON() ([]byte, error) {
	type plain Boundary
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a PointInt64 and keeps unknown and zero-valued keys.
func (v *PointInt64) UnmarshalJSON(b []byte) error {
	type plain PointInt64
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a PointInt64 with the keys kept at decoding.
func (v PointInt64) MarshalJSON() ([]byte, error) {
	type plain PointInt64
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a HeadPose and keeps unknown and zero-valued keys.
func (v *HeadPose) UnmarshalJSON(b []byte) error {
	type plain HeadPose
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a HeadPose with the keys kept at decoding.
func (v HeadPose) MarshalJSON() ([]byte, error) {
	type plain HeadPose
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Label and keeps unknown and zero-valued keys.
func (v *Label) UnmarshalJSON(b []byte) error {
	type plain Label
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Label with the keys kept at decoding.
func (v Label) MarshalJSON() ([]byte, error) {
	type plain Label
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Clip and keeps unknown and zero-valued keys.
func (v *Clip) UnmarshalJSON(b []byte) error {
	type plain Clip
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Clip with the keys kept at decoding.
func (v Clip) MarshalJSON() ([]byte, error) {
	type plain Clip
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a OCRContents and keeps unknown and zero-valued keys.
func (v *OCRContents) UnmarshalJSON(b []byte) error {
	type plain OCRContents
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a OCRContents with the keys kept at decoding.
func (v OCRContents) MarshalJSON() ([]byte, error) {
	type plain OCRContents
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Address and keeps unknown and zero-valued keys.
func (v *Address) UnmarshalJSON(b []byte) error {
	type plain Address
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Address with the keys kept at decoding.
func (v Address) MarshalJSON() ([]byte, error) {
	type plain Address
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a VideoStream and keeps unknown and zero-valued keys.
func (v *VideoStream) UnmarshalJSON(b []byte) error {
	type plain VideoStream
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a VideoStream with the keys kept at decoding.
func (v VideoStream) MarshalJSON() ([]byte, error) {
	type plain VideoStream
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a AudioStream and keeps unknown and zero-valued keys.
func (v *AudioStream) UnmarshalJSON(b []byte) error {
	type plain AudioStream
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a AudioStream with the keys kept at decoding.
func (v AudioStream) MarshalJSON() ([]byte, error) {
	type plain AudioStream
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a SubtitleStream and keeps unknown and zero-valued keys.
func (v *SubtitleStream) UnmarshalJSON(b []byte) error {
	type plain SubtitleStream
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a SubtitleStream with the keys kept at decoding.
func (v SubtitleStream) MarshalJSON() ([]byte, error) {
	type plain SubtitleStream
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a CroppingSuggestion and keeps unknown and zero-valued keys.
func (v *CroppingSuggestion) UnmarshalJSON(b []byte) error {
	type plain CroppingSuggestion
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a CroppingSuggestion with the keys kept at decoding.
func (v CroppingSuggestion) MarshalJSON() ([]byte, error) {
	type plain CroppingSuggestion
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a ImageScore and keeps unknown and zero-valued keys.
func (v *ImageScore) UnmarshalJSON(b []byte) error {
	type plain ImageScore
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a ImageScore with the keys kept at decoding.
func (v ImageScore) MarshalJSON() ([]byte, error) {
	type plain ImageScore
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Image and keeps unknown and zero-valued keys.
func (v *Image) UnmarshalJSON(b []byte) error {
	type plain Image
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Image with the keys kept at decoding.
func (v Image) MarshalJSON() ([]byte, error) {
	type plain Image
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Insights and keeps unknown and zero-valued keys.
func (v *Insights) UnmarshalJSON(b []byte) error {
	type plain Insights
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Insights with the keys kept at decoding.
func (v Insights) MarshalJSON() ([]byte, error) {
	type plain Insights
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Insight and keeps unknown and zero-valued keys.
func (v *Insight) UnmarshalJSON(b []byte) error {
	type plain Insight
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Insight with the keys kept at decoding.
func (v Insight) MarshalJSON() ([]byte, error) {
	type plain Insight
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Element and keeps unknown and zero-valued keys.
func (v *Element) UnmarshalJSON(b []byte) error {
	type plain Element
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Element with the keys kept at decoding.
func (v Element) MarshalJSON() ([]byte, error) {
	type plain Element
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a ElementContent and keeps unknown and zero-valued keys.
func (v *ElementContent) UnmarshalJSON(b []byte) error {
	type plain ElementContent
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a ElementContent with the keys kept at decoding.
func (v ElementContent) MarshalJSON() ([]byte, error) {
	type plain ElementContent
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a ElementRelation and keeps unknown and zero-valued keys.
func (v *ElementRelation) UnmarshalJSON(b []byte) error {
	type plain ElementRelation
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a ElementRelation with the keys kept at decoding.
func (v ElementRelation) MarshalJSON() ([]byte, error) {
	type plain ElementRelation
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a SceneElement and keeps unknown and zero-valued keys.
func (v *SceneElement) UnmarshalJSON(b []byte) error {
	type plain SceneElement
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a SceneElement with the keys kept at decoding.
func (v SceneElement) MarshalJSON() ([]byte, error) {
	type plain SceneElement
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Project and keeps unknown and zero-valued keys.
func (v *Project) UnmarshalJSON(b []byte) error {
	type plain Project
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Project with the keys kept at decoding.
func (v Project) MarshalJSON() ([]byte, error) {
	type plain Project
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a ProjectTag and keeps unknown and zero-valued keys.
func (v *ProjectTag) UnmarshalJSON(b []byte) error {
	type plain ProjectTag
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a ProjectTag with the keys kept at decoding.
func (v ProjectTag) MarshalJSON() ([]byte, error) {
	type plain ProjectTag
	return encodeKeeping(plain(v), v.Extras)
}

// UnmarshalJSON decodes a Dataset and keeps unknown and zero-valued keys.
func (v *Dataset) UnmarshalJSON(b []byte) error {
	type plain Dataset
	return decodeKeeping(b, (*plain)(v), &v.Extras)
}

// MarshalJSON encodes a Dataset with the keys kept at decoding.
func (v Dataset) MarshalJSON() ([]byte, error) {
	type plain Dataset
	return encodeKeeping(plain(v), v.Extras)
}
