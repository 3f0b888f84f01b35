#!/bin/sh
# Makes the test cut in $1: three 1 s shots at 24 fps, 320x180 ProRes with timecode and 48 kHz audio (made by
# ffmpeg), and cut.otio using them from frame 4 for 16 frames, with an 8-frame gap before the third shot and a red
# marker named "fix" on the second.
set -eu
dir=$1
mkdir -p "$dir/media"
shot() { # reel timecode filter
  ffmpeg -hide_banner -v error -y -f lavfi -i "testsrc2=size=320x180:rate=24,$3" -f lavfi -i "sine=frequency=440:sample_rate=48000" \
    -t 1 -map 0:v -map 1:a -c:v prores_ks -profile:v 0 -pix_fmt yuv422p10le -timecode "$2" -c:a pcm_s16le "$dir/media/$1.mov"
}
shot A001C001 01:00:00:00 "null"
shot A002C001 02:00:00:00 "hue=h=120"
shot A003C001 03:00:00:00 "vflip"

clip() { # name reel start-frame [markers]
  cat <<JSON
        {
          "OTIO_SCHEMA": "Clip.2",
          "metadata": {},
          "name": "$1",
          "source_range": {"OTIO_SCHEMA": "TimeRange.1", "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 16.0}, "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": $(($3 + 4)).0}},
          "effects": [],
          "markers": [${4:-}],
          "enabled": true,
          "media_references": {
            "DEFAULT_MEDIA": {
              "OTIO_SCHEMA": "ExternalReference.1",
              "metadata": {},
              "name": "$2.mov",
              "available_range": {"OTIO_SCHEMA": "TimeRange.1", "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 24.0}, "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": $3.0}},
              "available_image_bounds": null,
              "target_url": "media/$2.mov"
            }
          },
          "active_media_reference_key": "DEFAULT_MEDIA"
        }
JSON
}
marker='{"OTIO_SCHEMA": "Marker.2", "metadata": {}, "name": "fix", "color": "RED", "comment": "", "marked_range": {"OTIO_SCHEMA": "TimeRange.1", "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 0.0}, "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 172808.0}}}'
{
  cat <<JSON
{
  "OTIO_SCHEMA": "Timeline.1",
  "metadata": {"Resolve_OTIO": {"Resolve OTIO Meta Version": "1.0"}},
  "name": "native test cut",
  "global_start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 86400.0},
  "tracks": {
    "OTIO_SCHEMA": "Stack.1",
    "metadata": {},
    "name": "tracks",
    "source_range": null,
    "effects": [],
    "markers": [],
    "enabled": true,
    "children": [
      {
        "OTIO_SCHEMA": "Track.1",
        "metadata": {},
        "name": "Video 1",
        "source_range": null,
        "effects": [],
        "markers": [],
        "enabled": true,
        "kind": "Video",
        "children": [
JSON
  clip sh010 A001C001 86400
  echo ","
  clip sh020 A002C001 172800 "$marker"
  echo ","
  cat <<JSON
        {"OTIO_SCHEMA": "Gap.1", "metadata": {}, "name": "", "source_range": {"OTIO_SCHEMA": "TimeRange.1", "duration": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 8.0}, "start_time": {"OTIO_SCHEMA": "RationalTime.1", "rate": 24.0, "value": 0.0}}, "effects": [], "markers": [], "enabled": true},
JSON
  clip sh030 A003C001 259200
  cat <<JSON
        ]
      }
    ]
  }
}
JSON
} > "$dir/cut.otio"
printf '{"OTIO_SCHEMA": "Timeline.1", "name": "broken", "tracks": [1, \n  oops]}\n' > "$dir/broken.otio"
