//! Pictures as Sala keeps them (issue 21): the photo of a flipchart a note-taker attaches, made
//! fit to keep, sync and print.
//!
//! [`prepare`] takes the bytes a person gave (a file, a paste, a drop) and returns what is kept:
//!
//! - only JPEG and PNG are read, recognised by their first bytes, never by a file name; a HEIC
//!   photo (an iPhone's own format) is named as such and refused with what to do — no decoder
//!   in a well-kept pure-Rust crate exists, and a system library is not on Windows laptops;
//! - the file and the picture are bounded before anything large is allocated
//!   ([`MAX_PICTURE_FILE_MB`], [`MAX_PICTURE_PIXELS`]);
//! - the camera's orientation (EXIF) is applied, so a phone photo taken sideways stands up;
//! - the picture is scaled to at most [`MAX_PICTURE_SIDE`] pixels on its longest side and
//!   **re-encoded**: the stored bytes carry no metadata at all — no location, no camera, no
//!   date — whatever the file carried;
//! - photos are kept as JPEG; a PNG (a drawing, a screenshot) stays PNG unless that would be
//!   large and it has no transparency;
//! - `content` is the SHA-256 of the stored bytes: the picture's name in the shared folder, so
//!   the same picture twice is stored once;
//! - a [`thumbnail`] of at most [`THUMBNAIL_SIDE`] pixels.
//!
//! Pure: bytes in, bytes out; no clock, no files. The same input gives the same bytes.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use sala_core::model::PictureFormat;
use sala_core::text::{
    MAX_PICTURE_FILE_MB, MAX_PICTURE_PIXELS, MAX_PICTURE_SIDE, THUMBNAIL_SIDE, printable_line,
};
use sala_core::{ErrorCode, SalaError};
use sha2::{Digest, Sha256};

/// The JPEG quality of a stored photo: a flipchart's handwriting stays crisp.
const PHOTO_QUALITY: u8 = 85;
/// The JPEG quality of a thumbnail.
const THUMBNAIL_QUALITY: u8 = 75;
/// A PNG without transparency bigger than this is kept as JPEG instead (a photo saved as PNG).
const MAX_PNG_BYTES: usize = 3 << 20;
/// The largest side decoded (a panorama is long, not infinite).
const MAX_DECODED_SIDE: u32 = 30_000;

/// A picture made fit to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The stored picture: re-encoded, upright, without metadata.
    pub bytes: Vec<u8>,
    pub format: PictureFormat,
    pub width: u32,
    pub height: u32,
    /// SHA-256 of `bytes`, lower-case hex.
    pub content: String,
    /// A JPEG of at most [`THUMBNAIL_SIDE`] pixels.
    pub thumbnail: Vec<u8>,
}

/// What a file's first bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    Jpeg,
    Png,
    /// HEIC or HEIF (ISO base media, brand `heic`, `heix`, `mif1`, …).
    Heic,
    Other,
}

/// What `bytes` are, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Sniffed::Jpeg;
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Sniffed::Png;
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [
            b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif",
        ]
        .iter()
        .any(|b| brand == *b)
        {
            return Sniffed::Heic;
        }
    }
    Sniffed::Other
}

fn error(code: ErrorCode, file: &str) -> SalaError {
    SalaError::new(code).with("file", printable_line(file))
}

/// Makes the picture `bytes` (from the file named `file`, for messages) fit to keep.
pub fn prepare(file: &str, bytes: &[u8]) -> Result<Prepared, SalaError> {
    let max = MAX_PICTURE_FILE_MB << 20;
    if bytes.len() as u64 > max {
        return Err(error(ErrorCode::PictureTooLarge, file)
            .with("size", megabytes(bytes.len() as u64))
            .with("max", MAX_PICTURE_FILE_MB));
    }
    let format = match sniff(bytes) {
        Sniffed::Jpeg => ImageFormat::Jpeg,
        Sniffed::Png => ImageFormat::Png,
        Sniffed::Heic => return Err(error(ErrorCode::PictureHeic, file)),
        Sniffed::Other => return Err(error(ErrorCode::PictureUnsupported, file)),
    };
    // A JPEG cut short still decodes (the missing part grey): refused, not kept half.
    if format == ImageFormat::Jpeg && !jpeg_is_whole(bytes) {
        return Err(error(ErrorCode::PictureDamaged, file));
    }
    let (mut picture, orientation) = decode(file, bytes, format)?;
    picture.apply_orientation(orientation);
    let picture = scaled(picture, MAX_PICTURE_SIDE, FilterType::Triangle);
    let (bytes, format) = encode(&picture, format == ImageFormat::Png, file)?;
    let thumbnail = thumbnail_of(&picture, file)?;
    Ok(Prepared {
        content: content_of(&bytes),
        width: picture.width(),
        height: picture.height(),
        bytes,
        format,
        thumbnail,
    })
}

/// A thumbnail of a stored picture (as [`prepare`] made it): what a laptop that received the
/// picture from the shared folder keeps beside it.
pub fn thumbnail(stored: &[u8]) -> Result<Vec<u8>, SalaError> {
    let format = match sniff(stored) {
        Sniffed::Jpeg => ImageFormat::Jpeg,
        Sniffed::Png => ImageFormat::Png,
        _ => return Err(error(ErrorCode::PictureDamaged, "")),
    };
    let (picture, _) = decode("", stored, format)?;
    thumbnail_of(&picture, "")
}

/// The longest side of a picture in a report, in pixels: sharp when printed 15 cm wide, and a
/// report of fifty photos stays small enough to send.
pub const REPORT_SIDE: u32 = 1_600;
/// The JPEG quality of a picture in a report.
const REPORT_QUALITY: u8 = 80;

/// A stored JPEG made the size a report needs (at most [`REPORT_SIDE`] pixels); a smaller one,
/// or a PNG (a drawing: small already), is given back as it is.
pub fn for_report(stored: &[u8]) -> Result<Vec<u8>, SalaError> {
    if sniff(stored) != Sniffed::Jpeg {
        return Ok(stored.to_vec());
    }
    let (picture, _) = decode("", stored, ImageFormat::Jpeg)?;
    if picture.width().max(picture.height()) <= REPORT_SIDE {
        return Ok(stored.to_vec());
    }
    let smaller = scaled(picture, REPORT_SIDE, FilterType::Triangle);
    jpeg_bytes(&smaller, REPORT_QUALITY, "")
}

/// Whether `bytes` can be a stored picture of `format` whose content is `content`: the checks a
/// laptop makes of a picture file from the shared folder before keeping it.
pub fn is_stored(bytes: &[u8], format: PictureFormat, content: &str) -> bool {
    let kind = match format {
        PictureFormat::Jpeg => Sniffed::Jpeg,
        PictureFormat::Png => Sniffed::Png,
    };
    sniff(bytes) == kind && content_of(bytes) == content
}

/// Whether a JPEG has its end: an end-of-image marker after its last scan. (A marker cannot
/// occur inside a scan's data; the thumbnail a camera puts in the EXIF block has its own end,
/// but before the picture's scans.) Phones may add data after the end: that is allowed.
pub fn jpeg_is_whole(bytes: &[u8]) -> bool {
    let last = |marker: u8| bytes.windows(2).rposition(|w| w == [0xFF, marker]);
    match (last(0xDA), last(0xD9)) {
        (Some(scan), Some(end)) => end > scan,
        _ => false,
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn content_of(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `s` is a content address (64 lower-case hex digits): only then does it become a file
/// name.
pub fn is_content(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_048_576.0)
}

fn decode(
    file: &str,
    bytes: &[u8],
    format: ImageFormat,
) -> Result<(DynamicImage, image::metadata::Orientation), SalaError> {
    // The size from the header alone (no limits: nothing is allocated for it), so a picture
    // too big is refused naming its size.
    let mut header = ImageReader::with_format(Cursor::new(bytes), format);
    header.no_limits();
    let (width, height) = header
        .into_dimensions()
        .map_err(|e| decode_error(file, &e, None))?;
    if width > MAX_DECODED_SIDE
        || height > MAX_DECODED_SIDE
        || u64::from(width) * u64::from(height) > MAX_PICTURE_PIXELS
    {
        return Err(too_many_pixels(file, width, height));
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DECODED_SIDE);
    limits.max_image_height = Some(MAX_DECODED_SIDE);
    // Four bytes a pixel, and room for the decoder's own buffers.
    limits.max_alloc = Some(MAX_PICTURE_PIXELS * 4 + (64 << 20));
    reader.limits(limits);
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| decode_error(file, &e, Some((width, height))))?;
    // A damaged EXIF block loses only the orientation, not the picture.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let picture = DynamicImage::from_decoder(decoder)
        .map_err(|e| decode_error(file, &e, Some((width, height))))?;
    Ok((picture, orientation))
}

fn too_many_pixels(file: &str, width: u32, height: u32) -> SalaError {
    error(ErrorCode::PictureTooManyPixels, file)
        .with("width", width)
        .with("height", height)
}

fn decode_error(file: &str, e: &image::ImageError, size: Option<(u32, u32)>) -> SalaError {
    match (e, size) {
        (image::ImageError::Limits(_), Some((w, h))) => too_many_pixels(file, w, h),
        (image::ImageError::Unsupported(_), _) => error(ErrorCode::PictureUnsupported, file),
        _ => error(ErrorCode::PictureDamaged, file),
    }
}

/// `picture` with its longest side at most `side`, in proportion.
fn scaled(picture: DynamicImage, side: u32, filter: FilterType) -> DynamicImage {
    if picture.width().max(picture.height()) <= side {
        return picture;
    }
    picture.resize(side, side, filter)
}

fn encode(
    picture: &DynamicImage,
    was_png: bool,
    file: &str,
) -> Result<(Vec<u8>, PictureFormat), SalaError> {
    if was_png {
        let png = png_bytes(picture, file)?;
        if png.len() <= MAX_PNG_BYTES || picture.has_alpha() {
            return Ok((png, PictureFormat::Png));
        }
    }
    Ok((
        jpeg_bytes(picture, PHOTO_QUALITY, file)?,
        PictureFormat::Jpeg,
    ))
}

fn png_bytes(picture: &DynamicImage, file: &str) -> Result<Vec<u8>, SalaError> {
    let mut out = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Default, PngFilter::Adaptive);
    // 16-bit pictures are kept at 8 bits: what a screen and a printer show.
    let picture = if picture.has_alpha() {
        DynamicImage::ImageRgba8(picture.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.to_rgb8())
    };
    picture
        .write_with_encoder(encoder)
        .map_err(|_| error(ErrorCode::PictureDamaged, file))?;
    Ok(out)
}

fn jpeg_bytes(picture: &DynamicImage, quality: u8, file: &str) -> Result<Vec<u8>, SalaError> {
    let mut out = Vec::new();
    let encoder = JpegEncoder::new_with_quality(&mut out, quality);
    // JPEG has no transparency: what was transparent shows white, as on paper.
    let rgb = if picture.has_alpha() {
        let mut rgba = picture.to_rgba8();
        for p in rgba.pixels_mut() {
            let a = u16::from(p[3]);
            for c in 0..3 {
                p[c] = ((u16::from(p[c]) * a + 255 * (255 - a)) / 255) as u8;
            }
        }
        DynamicImage::ImageRgba8(rgba).to_rgb8()
    } else {
        picture.to_rgb8()
    };
    DynamicImage::ImageRgb8(rgb)
        .write_with_encoder(encoder)
        .map_err(|_| error(ErrorCode::PictureDamaged, file))?;
    Ok(out)
}

fn thumbnail_of(picture: &DynamicImage, file: &str) -> Result<Vec<u8>, SalaError> {
    let small = if picture.width().max(picture.height()) > THUMBNAIL_SIDE {
        picture.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE)
    } else {
        picture.clone()
    };
    jpeg_bytes(&small, THUMBNAIL_QUALITY, file)
}

#[cfg(test)]
mod tests;
