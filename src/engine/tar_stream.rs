//! Tar streams read as they flow, in constant memory (a header at a time; content passes
//! through as the slices it came in): the entries of an archive, the same archive with its paths
//! rewritten (the engine's archives name the entries under the data door's directory, `data/`;
//! alacrity's files name them from the top of the tree, `./`), and the manifest of its tree.
//!
//! The formats are the ones in use: ustar, POSIX pax (`path`, `linkpath`, `size`, `uid`, `gid`,
//! `mtime` records) and GNU long names. Headers and checksums are read with the `tar` crate.
//! A rewritten entry keeps every pax record it had (extended attributes among them), and gets a
//! pax header of its own when its new path is longer than a tar header holds.

use std::collections::VecDeque;
use std::pin::Pin;

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sha2::{Digest, Sha256};
use tar::{EntryType, Header};

use crate::core::manifest::{Entry, Kind, Manifest, Recorded};

/// A tar stream, as it flows (from an engine, a file, to an engine).
pub type TarStream = Pin<Box<dyn Stream<Item = anyhow::Result<Bytes>> + Send>>;

const BLOCK: usize = 512;
/// The largest pax header or GNU long name alacrity reads (real ones are a few hundred bytes).
const MAX_EXTENSION: u64 = 1 << 20;

/// A tar stream that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TarError(pub String);

fn bad(what: impl Into<String>) -> TarError {
    TarError(what.into())
}

/// An entry's header, with what its extensions said applied.
#[derive(Debug, Clone)]
pub(crate) struct EntryHeader {
    raw: [u8; BLOCK],
    pub path: Vec<u8>,
    pub link: Option<Vec<u8>>,
    pub kind: EntryType,
    /// Bytes of content that follow the header.
    pub size: u64,
    pub mode: u32,
    pub uid: u64,
    pub gid: u64,
    pub mtime: i64,
    /// The pax records of this entry, in their order.
    pax: Vec<(Vec<u8>, Vec<u8>)>,
}

/// What a tar stream holds, in order.
#[derive(Debug)]
pub(crate) enum Event {
    Entry(Box<EntryHeader>),
    Data(Bytes),
    /// The end of an entry's content (`padding`: the zeros that round it to a block).
    EntryEnd {
        padding: usize,
    },
    /// The end-of-archive marker.
    End,
}

#[derive(Debug)]
enum State {
    Header,
    /// A pax header or a GNU long name/link: its data, then its padding.
    Extension {
        kind: EntryType,
        size: u64,
        data: Vec<u8>,
    },
    Content {
        remaining: u64,
        padding: usize,
    },
    Skip {
        remaining: u64,
    },
    End,
}

/// Reads a tar stream chunk by chunk.
#[derive(Debug)]
pub(crate) struct Parser {
    /// A header being gathered across chunks.
    partial: Vec<u8>,
    state: State,
    pax: Vec<(Vec<u8>, Vec<u8>)>,
    long_name: Option<Vec<u8>>,
    long_link: Option<Vec<u8>>,
    zero_blocks: u8,
    /// Bytes read so far (for error messages).
    offset: u64,
}

impl Default for Parser {
    fn default() -> Self {
        Parser {
            partial: Vec::with_capacity(BLOCK),
            state: State::Header,
            pax: Vec::new(),
            long_name: None,
            long_link: None,
            zero_blocks: 0,
            offset: 0,
        }
    }
}

impl Parser {
    /// The events of the next chunk (content as slices of it).
    pub fn feed(&mut self, mut chunk: Bytes, events: &mut Vec<Event>) -> Result<(), TarError> {
        while !chunk.is_empty() {
            match &mut self.state {
                State::End => {
                    // Padding after the end marker (to a record size): ignored.
                    self.offset += chunk.len() as u64;
                    return Ok(());
                }
                State::Header => {
                    let block = if self.partial.is_empty() && chunk.len() >= BLOCK {
                        chunk.split_to(BLOCK)
                    } else {
                        let want = BLOCK - self.partial.len();
                        let take = want.min(chunk.len());
                        self.partial.extend_from_slice(&chunk.split_to(take));
                        if self.partial.len() < BLOCK {
                            continue;
                        }
                        Bytes::from(std::mem::take(&mut self.partial))
                    };
                    self.header(&block, events)?;
                    self.offset += BLOCK as u64;
                }
                State::Content { remaining, padding } => {
                    let take = (*remaining).min(chunk.len() as u64) as usize;
                    let data = chunk.split_to(take);
                    *remaining -= take as u64;
                    self.offset += take as u64;
                    let (done, padding) = (*remaining == 0, *padding);
                    if !data.is_empty() {
                        events.push(Event::Data(data));
                    }
                    if done {
                        events.push(Event::EntryEnd { padding });
                        self.state = match padding {
                            0 => State::Header,
                            n => State::Skip {
                                remaining: n as u64,
                            },
                        };
                    }
                }
                State::Skip { remaining } => {
                    let take = (*remaining).min(chunk.len() as u64) as usize;
                    let _ = chunk.split_to(take);
                    *remaining -= take as u64;
                    self.offset += take as u64;
                    if *remaining == 0 {
                        self.state = State::Header;
                    }
                }
                State::Extension { kind, size, data } => {
                    let want = (*size as usize).saturating_sub(data.len());
                    let take = want.min(chunk.len());
                    data.extend_from_slice(&chunk.split_to(take));
                    self.offset += take as u64;
                    if data.len() as u64 == *size {
                        let (kind, size, data) = (*kind, *size, std::mem::take(data));
                        self.extension(kind, data)?;
                        self.state = match padding_of(size) {
                            0 => State::Header,
                            n => State::Skip {
                                remaining: n as u64,
                            },
                        };
                    }
                }
            }
        }
        Ok(())
    }

    /// Checks that the stream ended where an archive may end.
    pub fn finish(&self) -> Result<(), TarError> {
        match self.state {
            State::End => Ok(()),
            // One zero block and no second one: tolerated, as GNU tar does.
            State::Header if self.partial.is_empty() && self.zero_blocks == 1 => Ok(()),
            State::Header if self.partial.is_empty() && self.offset == 0 => {
                Err(bad("the archive is empty: it holds not even a tar header"))
            }
            _ => Err(bad(format!(
                "the archive ends early, after {} bytes, in the middle of an entry or without \
                 the end-of-archive marker (was it cut short?)",
                self.offset
            ))),
        }
    }

    /// Whether the end-of-archive marker was read.
    pub fn ended(&self) -> bool {
        matches!(self.state, State::End)
    }

    fn header(&mut self, block: &[u8], events: &mut Vec<Event>) -> Result<(), TarError> {
        if block.iter().all(|b| *b == 0) {
            self.zero_blocks += 1;
            if self.zero_blocks == 2 {
                self.state = State::End;
                events.push(Event::End);
            }
            return Ok(());
        }
        if self.zero_blocks > 0 {
            return Err(bad(format!(
                "the archive has a lone empty block at byte {} (a damaged tar stream)",
                self.offset - BLOCK as u64
            )));
        }
        let header = Header::from_byte_slice(block);
        let stored = header.cksum().ok();
        if stored != Some(checksum(block)) {
            return Err(bad(match self.offset {
                0 => "this is not a tar archive (its first header's checksum is wrong); a \
                      compressed one must be named .tar.gz or .tar.zst"
                    .to_string(),
                at => format!("the tar header at byte {at} is damaged (its checksum is wrong)"),
            }));
        }
        let kind = header.entry_type();
        let header_size = header
            .entry_size()
            .map_err(|e| bad(format!("a tar header has an unreadable size: {e}")))?;
        match kind {
            EntryType::XHeader | EntryType::GNULongName | EntryType::GNULongLink => {
                if header_size > MAX_EXTENSION {
                    return Err(bad(format!(
                        "a tar extension header of {header_size} bytes is larger than alacrity \
                         reads ({MAX_EXTENSION} bytes)"
                    )));
                }
                self.state = match header_size {
                    0 => State::Header,
                    _ => State::Extension {
                        kind,
                        size: header_size,
                        data: Vec::with_capacity(header_size as usize),
                    },
                };
                return Ok(());
            }
            EntryType::XGlobalHeader => {
                let padded = header_size + padding_of(header_size) as u64;
                if padded > 0 {
                    self.state = State::Skip { remaining: padded };
                }
                return Ok(());
            }
            _ => {}
        }
        let pax = std::mem::take(&mut self.pax);
        let record = |key: &str| {
            pax.iter()
                .rev()
                .find(|(k, _)| k == key.as_bytes())
                .map(|(_, v)| v.clone())
        };
        let number = |key: &str| -> Result<Option<u64>, TarError> {
            match record(key) {
                None => Ok(None),
                Some(v) => std::str::from_utf8(&v)
                    .ok()
                    .and_then(|s| s.parse::<u64>().ok())
                    .map(Some)
                    .ok_or_else(|| bad(format!("a pax `{key}` record is not a number"))),
            }
        };
        let long_name = self.long_name.take();
        let long_link = self.long_link.take();
        let path = record("path")
            .or(long_name)
            .unwrap_or_else(|| header.path_bytes().into_owned());
        let link = record("linkpath")
            .or(long_link)
            .or_else(|| header.link_name_bytes().map(|l| l.into_owned()));
        let unreadable = |what: &str| bad(format!("a tar header has an unreadable {what}"));
        let size = match number("size")? {
            Some(size) => size,
            None => header_size,
        };
        let uid = match number("uid")? {
            Some(uid) => uid,
            None => header.uid().map_err(|_| unreadable("owner"))?,
        };
        let gid = match number("gid")? {
            Some(gid) => gid,
            None => header.gid().map_err(|_| unreadable("group"))?,
        };
        let mtime = match record("mtime") {
            Some(v) => std::str::from_utf8(&v)
                .ok()
                .and_then(|s| s.split('.').next()?.parse::<i64>().ok())
                .ok_or_else(|| bad("a pax `mtime` record is not a time"))?,
            None => header.mtime().map_err(|_| unreadable("time"))? as i64,
        };
        let mode = header.mode().map_err(|_| unreadable("mode"))? & 0o7777;
        let size = if header_only(kind) { 0 } else { size };
        let mut raw = [0u8; BLOCK];
        raw.copy_from_slice(block);
        events.push(Event::Entry(Box::new(EntryHeader {
            raw,
            path,
            link,
            kind,
            size,
            mode,
            uid,
            gid,
            mtime,
            pax,
        })));
        self.state = match size {
            0 => {
                events.push(Event::EntryEnd { padding: 0 });
                State::Header
            }
            _ => State::Content {
                remaining: size,
                padding: padding_of(size),
            },
        };
        Ok(())
    }

    fn extension(&mut self, kind: EntryType, data: Vec<u8>) -> Result<(), TarError> {
        match kind {
            EntryType::GNULongName => self.long_name = Some(trim_nul(data)),
            EntryType::GNULongLink => self.long_link = Some(trim_nul(data)),
            _ => {
                for record in tar::PaxExtensions::new(&data) {
                    let record = record.map_err(|_| bad("a pax header is malformed"))?;
                    self.pax
                        .push((record.key_bytes().to_vec(), record.value_bytes().to_vec()));
                }
            }
        }
        Ok(())
    }
}

fn trim_nul(mut data: Vec<u8>) -> Vec<u8> {
    while data.last() == Some(&0) {
        data.pop();
    }
    data
}

/// Types whose size field says nothing of content (none follows), as readers take them.
fn header_only(kind: EntryType) -> bool {
    matches!(
        kind,
        EntryType::Link
            | EntryType::Symlink
            | EntryType::Char
            | EntryType::Block
            | EntryType::Directory
            | EntryType::Fifo
    )
}

fn padding_of(size: u64) -> usize {
    (BLOCK - (size % BLOCK as u64) as usize) % BLOCK
}

/// A header's checksum: the sum of its bytes, the checksum field counted as spaces.
fn checksum(block: &[u8]) -> u32 {
    block
        .iter()
        .enumerate()
        .map(|(i, b)| match i {
            148..156 => u32::from(b' '),
            _ => u32::from(*b),
        })
        .sum()
}

/// The door's directory, as its archives name it: entries are `data/...`.
pub(crate) const DOOR_DIR: &str = "data";

/// Where an entry of the door's archive goes in alacrity's form: `data/a/b` is `./a/b`, `data/`
/// is `./`.
pub(crate) fn door_to_portable(path: &[u8]) -> Result<Vec<u8>, TarError> {
    let parts = components(path)?;
    match parts.split_first() {
        Some((first, rest)) if *first == DOOR_DIR.as_bytes() => Ok(join(b".", rest)),
        _ => Err(bad(format!(
            "the engine's archive has an entry outside its directory: {}",
            String::from_utf8_lossy(path)
        ))),
    }
}

/// Where an entry of an archive in alacrity's form (or as `tar -C DIR -c .` writes it, or
/// without the `./`) goes in the door's.
pub(crate) fn portable_to_door(path: &[u8]) -> Result<Vec<u8>, TarError> {
    Ok(join(DOOR_DIR.as_bytes(), &components(path)?))
}

/// The path of an entry relative to the top of the tree, for a manifest (`.` is the top).
pub(crate) fn manifest_path(path: &[u8]) -> Result<String, TarError> {
    let parts = components(path)?;
    let joined = join(b".", &parts);
    let text = String::from_utf8_lossy(&joined).into_owned();
    Ok(match text.strip_prefix("./") {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// The components of a path, without `.` and empty ones; `..` is refused (an archive that
/// would write outside its directory).
fn components(path: &[u8]) -> Result<Vec<&[u8]>, TarError> {
    let mut parts = Vec::new();
    for part in path.split(|b| *b == b'/') {
        match part {
            b"" | b"." => {}
            b".." => {
                return Err(bad(format!(
                    "the archive has an entry that leads out of its directory (`..`): {}",
                    String::from_utf8_lossy(path)
                )));
            }
            part => parts.push(part),
        }
    }
    Ok(parts)
}

fn join(first: &[u8], rest: &[&[u8]]) -> Vec<u8> {
    let mut out = first.to_vec();
    for part in rest {
        out.push(b'/');
        out.extend_from_slice(part);
    }
    out
}

/// Something done to a tar stream as it flows: output for each chunk, and at the end.
pub(crate) trait Processor: Send + 'static {
    fn chunk(&mut self, chunk: Bytes, out: &mut VecDeque<Bytes>) -> Result<(), TarError>;
    fn finish(&mut self, out: &mut VecDeque<Bytes>) -> Result<(), TarError>;
}

/// `stream`, through `processor`.
pub(crate) fn process(stream: TarStream, processor: impl Processor) -> TarStream {
    struct St<P> {
        inner: TarStream,
        processor: P,
        queue: VecDeque<Bytes>,
        done: bool,
    }
    let state = St {
        inner: stream,
        processor,
        queue: VecDeque::new(),
        done: false,
    };
    Box::pin(futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(bytes) = st.queue.pop_front() {
                return Some((Ok(bytes), st));
            }
            if st.done {
                return None;
            }
            match st.inner.next().await {
                Some(Ok(chunk)) => {
                    if let Err(err) = st.processor.chunk(chunk, &mut st.queue) {
                        st.done = true;
                        st.queue.clear();
                        return Some((Err(err.into()), st));
                    }
                }
                Some(Err(err)) => {
                    st.done = true;
                    st.queue.clear();
                    return Some((Err(err), st));
                }
                None => {
                    st.done = true;
                    if let Err(err) = st.processor.finish(&mut st.queue) {
                        st.queue.clear();
                        return Some((Err(err.into()), st));
                    }
                }
            }
        }
    }))
}

/// Rewrites the paths (and hard links' targets) of every entry with `map`.
pub(crate) struct Rewriter {
    parser: Parser,
    map: fn(&[u8]) -> Result<Vec<u8>, TarError>,
    events: Vec<Event>,
}

impl Rewriter {
    pub fn new(map: fn(&[u8]) -> Result<Vec<u8>, TarError>) -> Self {
        Rewriter {
            parser: Parser::default(),
            map,
            events: Vec::new(),
        }
    }

    fn emit(&mut self, out: &mut VecDeque<Bytes>) -> Result<(), TarError> {
        for event in self.events.drain(..) {
            match event {
                Event::Entry(header) => rewrite_header(&header, self.map, out)?,
                Event::Data(data) => out.push_back(data),
                Event::EntryEnd { padding } => {
                    if padding > 0 {
                        out.push_back(Bytes::from(vec![0u8; padding]));
                    }
                }
                Event::End => out.push_back(Bytes::from(vec![0u8; 2 * BLOCK])),
            }
        }
        Ok(())
    }
}

impl Processor for Rewriter {
    fn chunk(&mut self, chunk: Bytes, out: &mut VecDeque<Bytes>) -> Result<(), TarError> {
        self.parser.feed(chunk, &mut self.events)?;
        self.emit(out)
    }

    fn finish(&mut self, out: &mut VecDeque<Bytes>) -> Result<(), TarError> {
        self.parser.finish()?;
        if !self.parser.ended() {
            out.push_back(Bytes::from(vec![0u8; 2 * BLOCK]));
        }
        Ok(())
    }
}

/// An entry's header again, with its path (and a hard link's target) mapped; a pax header
/// before it holds its pax records and what the header cannot.
fn rewrite_header(
    header: &EntryHeader,
    map: fn(&[u8]) -> Result<Vec<u8>, TarError>,
    out: &mut VecDeque<Bytes>,
) -> Result<(), TarError> {
    let mut path = map(&header.path)?;
    if header.kind == EntryType::Directory && path.last() != Some(&b'/') {
        path.push(b'/');
    }
    let link = match (&header.link, header.kind) {
        (Some(target), EntryType::Link) => Some(map(target)?),
        (link, _) => link.clone(),
    };
    let mut pax: Vec<(Vec<u8>, Vec<u8>)> = header
        .pax
        .iter()
        .filter(|(k, _)| k != b"path" && k != b"linkpath")
        .cloned()
        .collect();
    if path.len() > 100 {
        pax.push((b"path".to_vec(), path.clone()));
    }
    if let Some(link) = link.as_ref().filter(|l| l.len() > 100) {
        pax.push((b"linkpath".to_vec(), link.clone()));
    }
    if !pax.is_empty() {
        let data = pax_data(&pax);
        let mut ext = Header::new_ustar();
        ext.set_entry_type(EntryType::XHeader);
        set_field(ext.as_mut_bytes(), 0, 100, b"././@PaxHeader");
        ext.set_mode(0o644);
        ext.set_size(data.len() as u64);
        ext.set_mtime(0);
        ext.set_cksum();
        out.push_back(Bytes::copy_from_slice(ext.as_bytes()));
        let padding = padding_of(data.len() as u64);
        let mut data = data;
        data.resize(data.len() + padding, 0);
        out.push_back(Bytes::from(data));
    }
    let mut raw = header.raw;
    set_field(&mut raw, 0, 100, &path);
    if &raw[257..263] == b"ustar\0" {
        // The ustar prefix field: the whole path is in the name field (or the pax header).
        set_field(&mut raw, 345, 155, b"");
    }
    if let Some(link) = &link {
        set_field(&mut raw, 157, 100, link);
    }
    let mut rewritten = Header::new_old();
    rewritten.as_mut_bytes().copy_from_slice(&raw);
    rewritten.set_cksum();
    out.push_back(Bytes::copy_from_slice(rewritten.as_bytes()));
    Ok(())
}

/// Writes `value` into a header field, cut to its length, zero-padded.
fn set_field(raw: &mut [u8], at: usize, len: usize, value: &[u8]) {
    let field = &mut raw[at..at + len];
    field.fill(0);
    let n = value.len().min(len);
    field[..n].copy_from_slice(&value[..n]);
}

/// Pax records as a pax header's data: `LEN KEY=VALUE\n`, LEN counting itself.
fn pax_data(records: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut data = Vec::new();
    for (key, value) in records {
        let rest = key.len() + value.len() + 3;
        let mut len = rest + 1;
        while len != rest + len.to_string().len() {
            len = rest + len.to_string().len();
        }
        data.extend_from_slice(len.to_string().as_bytes());
        data.push(b' ');
        data.extend_from_slice(key);
        data.push(b'=');
        data.extend_from_slice(value);
        data.push(b'\n');
    }
    data
}

/// Records the manifest of a tar stream in alacrity's form as it flows.
#[derive(Default)]
pub(crate) struct ManifestBuilder {
    parser: Parser,
    events: Vec<Event>,
    recorded: Vec<Recorded>,
    current: Option<(Recorded, Option<Sha256>)>,
}

impl ManifestBuilder {
    pub fn feed(&mut self, chunk: Bytes) -> Result<(), TarError> {
        self.parser.feed(chunk, &mut self.events)?;
        for event in std::mem::take(&mut self.events) {
            match event {
                Event::Entry(header) => self.current = Some(start(&header)?),
                Event::Data(data) => {
                    if let Some((_, Some(hasher))) = &mut self.current {
                        hasher.update(&data);
                    }
                }
                Event::EntryEnd { .. } => {
                    if let Some((mut recorded, hasher)) = self.current.take() {
                        if let Some(hasher) = hasher {
                            recorded.entry.sha256 = Some(hex::encode(hasher.finalize()));
                        }
                        self.recorded.push(recorded);
                    }
                }
                Event::End => {}
            }
        }
        Ok(())
    }

    pub fn finish(self) -> Result<Manifest, TarError> {
        self.parser.finish()?;
        Ok(Manifest::from_recorded(self.recorded))
    }
}

fn start(header: &EntryHeader) -> Result<(Recorded, Option<Sha256>), TarError> {
    let kind = match header.kind {
        EntryType::Directory => Kind::Directory,
        EntryType::Symlink => Kind::Symlink,
        EntryType::Fifo => Kind::Fifo,
        EntryType::Char => Kind::CharDevice,
        EntryType::Block => Kind::BlockDevice,
        _ => Kind::File,
    };
    let links_to = match header.kind {
        EntryType::Link => Some(manifest_path(header.link.as_deref().unwrap_or_default())?),
        _ => None,
    };
    let text = |v: &Option<Vec<u8>>| v.as_ref().map(|v| String::from_utf8_lossy(v).into_owned());
    let entry = Entry {
        path: manifest_path(&header.path)?,
        kind,
        size: header.size,
        mode: header.mode,
        uid: header.uid,
        gid: header.gid,
        mtime: header.mtime,
        symlink: match kind {
            Kind::Symlink => text(&header.link),
            _ => None,
        },
        hard_link: None,
        sha256: None,
    };
    let hasher = (kind == Kind::File && links_to.is_none()).then(Sha256::new);
    Ok((Recorded { entry, links_to }, hasher))
}

/// Passes a stream through unchanged, recording its manifest, sent at its end.
struct ManifestTap {
    builder: Option<ManifestBuilder>,
    send: Option<tokio::sync::oneshot::Sender<Result<Manifest, TarError>>>,
}

impl Processor for ManifestTap {
    fn chunk(&mut self, chunk: Bytes, out: &mut VecDeque<Bytes>) -> Result<(), TarError> {
        if let Some(builder) = &mut self.builder {
            if let Err(err) = builder.feed(chunk.clone()) {
                if let Some(send) = self.send.take() {
                    let _ = send.send(Err(err.clone()));
                }
                return Err(err);
            }
        }
        out.push_back(chunk);
        Ok(())
    }

    fn finish(&mut self, _out: &mut VecDeque<Bytes>) -> Result<(), TarError> {
        let result = match self.builder.take() {
            Some(builder) => builder.finish(),
            None => Err(bad("the archive was read twice")),
        };
        if let Some(send) = self.send.take() {
            let _ = send.send(result.clone());
        }
        result.map(|_| ())
    }
}

/// The manifest of a tar stream that passes through [`with_manifest`], once it has all flowed.
pub struct ManifestReceiver(tokio::sync::oneshot::Receiver<Result<Manifest, TarError>>);

impl ManifestReceiver {
    /// The manifest, or why the stream could not be read; an error if the stream was dropped
    /// before its end.
    pub async fn manifest(self) -> anyhow::Result<Manifest> {
        match self.0.await {
            Ok(result) => Ok(result?),
            Err(_) => anyhow::bail!("the archive stopped before its end, so it has no manifest"),
        }
    }
}

/// `tar` unchanged, and its manifest once it has flowed through (constant memory, but for one
/// small record per entry).
pub fn with_manifest(tar: TarStream) -> (TarStream, ManifestReceiver) {
    let (send, receive) = tokio::sync::oneshot::channel();
    let tap = ManifestTap {
        builder: Some(ManifestBuilder::default()),
        send: Some(send),
    };
    (process(tar, tap), ManifestReceiver(receive))
}

/// The manifest of a tar stream in alacrity's form, reading all of it.
pub async fn manifest_of(mut tar: TarStream) -> anyhow::Result<Manifest> {
    let mut builder = ManifestBuilder::default();
    while let Some(chunk) = tar.next().await {
        builder.feed(chunk?)?;
    }
    Ok(builder.finish()?)
}

/// Collects small streams in tests.
#[cfg(test)]
pub(crate) async fn collect(mut tar: TarStream) -> anyhow::Result<Vec<u8>> {
    let mut out = bytes::BytesMut::new();
    while let Some(chunk) = tar.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tar with a root, files of several owners, a 0700 dir, a symlink, a hard link, an empty
    /// dir and a long path, under `root` (`data` as the engine writes it, `.` as alacrity does).
    fn sample(root: &str) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        let mut add =
            |path: &str, kind: EntryType, mode: u32, uid: u64, body: &[u8], link: Option<&str>| {
                let mut h = Header::new_gnu();
                h.set_entry_type(kind);
                h.set_mode(mode);
                h.set_uid(uid);
                h.set_gid(uid);
                h.set_mtime(1_600_000_000 + uid);
                h.set_size(body.len() as u64);
                let full = match path {
                    "" => format!("{root}/"),
                    p => format!("{root}/{p}"),
                };
                match link {
                    Some(target) if kind == EntryType::Link => builder
                        .append_link(&mut h, &full, format!("{root}/{target}"))
                        .unwrap(),
                    Some(target) => builder.append_link(&mut h, &full, target).unwrap(),
                    None => builder.append_data(&mut h, &full, body).unwrap(),
                }
            };
        add("", EntryType::Directory, 0o750, 999, b"", None);
        add("a", EntryType::Directory, 0o755, 0, b"", None);
        add("a/empty", EntryType::Directory, 0o755, 0, b"", None);
        add("a/f", EntryType::Regular, 0o640, 999, b"hello", None);
        add("hard", EntryType::Link, 0o640, 999, b"", Some("a/f"));
        add("link", EntryType::Symlink, 0o777, 0, b"", Some("a/f"));
        add("secret", EntryType::Directory, 0o700, 1000, b"", None);
        let long = format!("secret/{}", "x".repeat(150));
        add(
            &long,
            EntryType::Regular,
            0o600,
            1000,
            &vec![7u8; 1000],
            None,
        );
        builder.into_inner().unwrap()
    }

    fn stream_of(bytes: Vec<u8>, chunk: usize) -> TarStream {
        let chunks: Vec<anyhow::Result<Bytes>> = bytes
            .chunks(chunk)
            .map(|c| Ok(Bytes::copy_from_slice(c)))
            .collect();
        Box::pin(futures_util::stream::iter(chunks))
    }

    fn listing(bytes: &[u8]) -> Vec<(String, Option<String>, u64)> {
        let mut archive = tar::Archive::new(bytes);
        archive
            .entries()
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    String::from_utf8_lossy(&e.path_bytes()).into_owned(),
                    e.link_name_bytes()
                        .map(|l| String::from_utf8_lossy(&l).into_owned()),
                    e.header().uid().unwrap(),
                )
            })
            .collect()
    }

    #[tokio::test]
    async fn the_manifest_of_a_tree_has_every_entry() {
        let manifest = manifest_of(stream_of(sample("."), 100)).await.unwrap();
        let paths: Vec<&str> = manifest.entries().map(|e| e.path.as_str()).collect();
        let long = format!("secret/{}", "x".repeat(150));
        assert_eq!(
            paths,
            [
                ".",
                "a",
                "a/empty",
                "a/f",
                "hard",
                "link",
                "secret",
                long.as_str()
            ]
        );
        let root = manifest.get(".").unwrap();
        assert_eq!(
            (root.kind, root.mode, root.uid),
            (Kind::Directory, 0o750, 999)
        );
        let f = manifest.get("a/f").unwrap();
        assert_eq!(
            f.sha256.as_deref(),
            Some(hex::encode(Sha256::digest(b"hello")).as_str())
        );
        assert_eq!((f.size, f.mtime), (5, 1_600_000_999));
        let hard = manifest.get("hard").unwrap();
        assert_eq!(hard.hard_link.as_deref(), Some("a/f"));
        assert_eq!(hard.sha256, f.sha256);
        assert_eq!(
            manifest.get("link").unwrap().symlink.as_deref(),
            Some("a/f")
        );
        assert_eq!(manifest.get(&long).unwrap().size, 1000);
    }

    #[tokio::test]
    async fn rewriting_keeps_the_tree_whatever_the_chunks() {
        let door = sample(DOOR_DIR);
        let expected = manifest_of(stream_of(sample("."), 512)).await.unwrap();
        for chunk in [1, 7, 512, 513, 100_000] {
            let portable = collect(process(
                stream_of(door.clone(), chunk),
                Rewriter::new(door_to_portable),
            ))
            .await
            .unwrap();
            let names = listing(&portable);
            assert_eq!(names[0].0, "./");
            assert_eq!(names[4], ("./hard".into(), Some("./a/f".into()), 999));
            assert_eq!(
                names[5].1.as_deref(),
                Some("a/f"),
                "symlinks are not rewritten"
            );
            assert!(names[7].0.len() > 150, "a long path is kept whole");
            let manifest = manifest_of(stream_of(portable.clone(), chunk))
                .await
                .unwrap();
            assert_eq!(manifest, expected);
            // And back.
            let back = collect(process(
                stream_of(portable, chunk),
                Rewriter::new(portable_to_door),
            ))
            .await
            .unwrap();
            let names = listing(&back);
            assert_eq!(names[0].0, "data/");
            assert_eq!(names[4].1.as_deref(), Some("data/a/f"));
            let manifest = manifest_of(process(
                stream_of(back, chunk),
                Rewriter::new(door_to_portable),
            ))
            .await
            .unwrap();
            assert_eq!(manifest, expected);
        }
    }

    #[tokio::test]
    async fn the_tap_passes_everything_and_tells_the_manifest() {
        let bytes = sample(".");
        let (tapped, receiver) = with_manifest(stream_of(bytes.clone(), 300));
        assert_eq!(collect(tapped).await.unwrap(), bytes);
        let manifest = receiver.manifest().await.unwrap();
        assert_eq!(manifest.len(), 8);
    }

    #[tokio::test]
    async fn bad_archives_are_told() {
        let err = manifest_of(stream_of(b"hello world".repeat(100), 64))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("not a tar archive"), "{err}");
        let mut cut = sample(".");
        cut.truncate(1500);
        let err = manifest_of(stream_of(cut, 64)).await.unwrap_err();
        assert!(err.to_string().contains("ends early"), "{err}");
        let err = manifest_of(stream_of(Vec::new(), 64)).await.unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn paths_map_both_ways_and_never_lead_out() {
        assert_eq!(door_to_portable(b"data/").unwrap(), b".");
        assert_eq!(door_to_portable(b"data/a/b").unwrap(), b"./a/b");
        assert!(door_to_portable(b"other/a").is_err());
        assert_eq!(portable_to_door(b"./").unwrap(), b"data");
        assert_eq!(portable_to_door(b"a/b").unwrap(), b"data/a/b");
        assert_eq!(portable_to_door(b"/a//./b").unwrap(), b"data/a/b");
        assert!(portable_to_door(b"./../etc/passwd").is_err());
        assert_eq!(manifest_path(b"./").unwrap(), ".");
        assert_eq!(manifest_path(b"./a/b/").unwrap(), "a/b");
        assert_eq!(manifest_path(b"a").unwrap(), "a");
    }

    #[test]
    fn pax_records_count_their_own_length() {
        let data = pax_data(&[(b"path".to_vec(), b"x".repeat(95))]);
        let text = String::from_utf8(data.clone()).unwrap();
        let (len, _) = text.split_once(' ').unwrap();
        assert_eq!(len.parse::<usize>().unwrap(), data.len());
    }
}
