//! The widget's global allocator (src/alloc.rs), which this test binary links as its own:
//! blocks of many sizes and alignments never overlap and keep their contents, `realloc`
//! keeps the contents whether the block moves or not, large blocks grow and shrink in
//! place, freed memory is reused (the memory does not grow over repeated alloc/free
//! cycles) and freed neighbours merge.
#![cfg(all(target_arch = "wasm32", feature = "small-alloc"))]

// Linked for its `#[global_allocator]`: nothing else of the crate is used here.
extern crate passage_map;

use std::alloc::{alloc, alloc_zeroed, dealloc, realloc, Layout};
use std::arch::wasm32::memory_size;

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The memory's size in bytes.
fn memory() -> usize {
    memory_size(0) * 65536
}

/// A live block, filled with bytes derived from `seed`.
struct Block {
    at: *mut u8,
    layout: Layout,
    seed: u32,
}

fn byte(seed: u32, i: usize) -> u8 {
    (seed.wrapping_mul(31).wrapping_add(i as u32 * 7) >> 1) as u8
}

impl Block {
    fn new(size: usize, align: usize, seed: u32) -> Block {
        let layout = Layout::from_size_align(size, align).unwrap();
        let at = unsafe { alloc(layout) };
        assert!(!at.is_null(), "alloc({size}, {align}) failed");
        assert_eq!(at as usize % align, 0, "alloc({size}, {align}) misaligned: {at:p}");
        let block = Block { at, layout, seed };
        block.fill();
        block
    }

    fn fill(&self) {
        for i in 0..self.layout.size() {
            unsafe { *self.at.add(i) = byte(self.seed, i) };
        }
    }

    /// The first `n` bytes hold the pattern.
    fn check(&self, n: usize) {
        for i in 0..n.min(self.layout.size()) {
            let got = unsafe { *self.at.add(i) };
            assert_eq!(
                got,
                byte(self.seed, i),
                "block {:p} ({} B, seed {}) changed at {i}",
                self.at,
                self.layout.size(),
                self.seed
            );
        }
    }

    /// Resizes, checks that the old contents came along and fills the whole block anew.
    fn resize(&mut self, size: usize) {
        let at = unsafe { realloc(self.at, self.layout, size) };
        assert!(!at.is_null(), "realloc to {size} failed");
        assert_eq!(at as usize % self.layout.align(), 0, "realloc to {size} misaligned");
        let kept = self.layout.size().min(size);
        self.at = at;
        self.layout = Layout::from_size_align(size, self.layout.align()).unwrap();
        self.check(kept);
        self.fill();
    }

    fn free(self) {
        self.check(usize::MAX);
        unsafe { dealloc(self.at, self.layout) };
    }
}

/// A small deterministic generator (xorshift32).
struct Rng(u32);

impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        self.next() as usize % n
    }
}

const ALIGNS: [usize; 9] = [1, 2, 4, 8, 16, 32, 64, 4096, 65536];

fn sizes() -> Vec<usize> {
    let mut sizes: Vec<usize> = (1..=80).collect();
    for base in [96, 127, 128, 129, 255, 256, 257, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097]
    {
        sizes.push(base);
    }
    sizes.extend([
        6000,
        8191,
        8192,
        16384,
        16385,
        65535,
        65536,
        65537,
        100_000,
        1 << 20,
        3 << 20,
        (1 << 20) + 3,
    ]);
    sizes
}

#[wasm_bindgen_test]
fn blocks_of_every_size_and_alignment_are_aligned_and_disjoint() {
    let mut blocks = Vec::new();
    let mut seed = 0;
    for size in sizes() {
        // Every alignment, but only a few for the megabyte blocks (a debug build fills them slowly).
        let aligns: &[usize] = if size < 1 << 20 { &ALIGNS } else { &[1, 16, 65536] };
        for &align in aligns {
            seed += 1;
            blocks.push(Block::new(size, align, seed));
        }
    }
    // All alive at once: any overlap would have overwritten another block's pattern.
    for block in &blocks {
        block.check(usize::MAX);
    }
    let mut spans: Vec<(usize, usize)> =
        blocks.iter().map(|b| (b.at as usize, b.at as usize + b.layout.size())).collect();
    spans.sort_unstable();
    for pair in spans.windows(2) {
        assert!(
            pair[0].1 <= pair[1].0,
            "blocks overlap: {:#x}..{:#x} and {:#x}..{:#x}",
            pair[0].0,
            pair[0].1,
            pair[1].0,
            pair[1].1
        );
    }
    // Free every other block, allocate again in the holes, then check everything.
    let mut kept = Vec::new();
    for (i, block) in blocks.into_iter().enumerate() {
        if i % 2 == 0 {
            block.free();
        } else {
            kept.push(block);
        }
    }
    for size in sizes() {
        seed += 1;
        kept.push(Block::new(size, 8, seed));
    }
    for block in &kept {
        block.check(usize::MAX);
    }
    kept.into_iter().for_each(Block::free);
}

#[wasm_bindgen_test]
fn realloc_keeps_the_contents_through_every_class() {
    for align in [1, 8, 16, 4096] {
        let mut block = Block::new(1, align, align as u32);
        // Growing by about an eighth at a time passes every small class and many large sizes.
        let mut size = 1;
        while size < 300_000 {
            size += size / 8 + 1;
            block.resize(size);
        }
        while size > 1 {
            size -= size / 5 + 1;
            block.resize(size.max(1));
        }
        block.free();
    }
}

#[wasm_bindgen_test]
fn alloc_zeroed_clears_reused_memory() {
    for size in [24, 3000, 50_000] {
        let dirty = Block::new(size, 8, 99);
        dirty.free();
        let layout = Layout::from_size_align(size, 8).unwrap();
        let at = unsafe { alloc_zeroed(layout) };
        assert!((0..size).all(|i| unsafe { *at.add(i) } == 0), "alloc_zeroed({size}) not zeroed");
        unsafe { dealloc(at, layout) };
    }
}

#[wasm_bindgen_test]
fn repeated_alloc_free_cycles_reuse_memory() {
    let cycle = |seed: u32| {
        let mut rng = Rng(seed);
        let mut blocks = Vec::new();
        for i in 0..2000 {
            let size = match rng.below(10) {
                0 => 5000 + rng.below(200_000),
                1 => 1 + rng.below(4096),
                _ => 1 + rng.below(100),
            };
            blocks.push(Block::new(size, ALIGNS[rng.below(5)], i));
        }
        // Freed in an order unlike the allocation's.
        while !blocks.is_empty() {
            let i = rng.below(blocks.len());
            blocks.swap_remove(i).free();
        }
    };
    cycle(1);
    let before = memory();
    for _ in 0..20 {
        cycle(1);
    }
    assert_eq!(memory(), before, "the same alloc/free cycle grew the memory");
}

#[wasm_bindgen_test]
fn freed_neighbours_merge_and_serve_a_larger_block() {
    let big = Block::new(3 << 20, 8, 1);
    big.free();
    let before = memory();
    // Freed lowest first (each merges with the one below) and highest first (with the one above).
    for reverse in [false, true] {
        let mut parts: Vec<Block> = (0..3).map(|i| Block::new(1 << 20, 8, i)).collect();
        assert_eq!(memory(), before, "three 1 MB blocks did not fit in a freed 3 MB one");
        parts.sort_by_key(|b| b.at as usize);
        if reverse {
            parts.reverse();
        }
        parts.into_iter().for_each(Block::free);
        let again = Block::new(3 << 20, 8, 2);
        assert_eq!(memory(), before, "the freed 1 MB blocks did not merge back (reverse: {reverse})");
        again.free();
    }
}

#[wasm_bindgen_test]
fn a_large_block_at_the_top_grows_and_shrinks_in_place() {
    // Larger than the whole memory so far, so no freed span holds it: it ends at the top.
    // Only its ends are written (filling it would take long in a debug build).
    let size = memory() + (1 << 20);
    let layout = Layout::from_size_align(size, 1).unwrap();
    unsafe {
        let at = alloc(layout);
        assert!(!at.is_null());
        (*at, *at.add(size - 1)) = (1, 2);
        let before = memory();
        let grown = realloc(at, layout, size + (8 << 20));
        assert_eq!(grown, at, "a block at the top moved to grow");
        assert_eq!((*at, *at.add(size - 1)), (1, 2));
        assert!(memory() - before <= (8 << 20) + 65536, "growing by 8 MB took {} B", memory() - before);
        let shrunk = realloc(at, Layout::from_size_align(size + (8 << 20), 1).unwrap(), 1 << 20);
        assert_eq!(shrunk, at, "a shrunk block moved");
        assert_eq!(*at, 1);
        let top = memory();
        // The freed tail (size + 7 MB) holds another block of `size`.
        let other = alloc(layout);
        assert!(!other.is_null());
        assert_eq!(memory(), top, "the shrunk block's tail was not reused");
        dealloc(other, layout);
        dealloc(at, Layout::from_size_align(1 << 20, 1).unwrap());
    }
}

#[wasm_bindgen_test]
fn random_operations_keep_every_block_intact() {
    let mut rng = Rng(0x9e37_79b9);
    let mut blocks: Vec<Block> = Vec::new();
    for step in 0..20_000u32 {
        match rng.below(10) {
            0..=4 => {
                let size = if rng.below(20) == 0 { 4097 + rng.below(100_000) } else { 1 + rng.below(600) };
                blocks.push(Block::new(size, ALIGNS[rng.below(7)], step));
            }
            5..=6 if !blocks.is_empty() => {
                let i = rng.below(blocks.len());
                let size = if rng.below(10) == 0 { 1 + rng.below(20_000) } else { 1 + rng.below(300) };
                blocks[i].resize(size);
            }
            _ if !blocks.is_empty() => {
                let i = rng.below(blocks.len());
                blocks.swap_remove(i).free();
            }
            _ => {}
        }
    }
    for block in &blocks {
        block.check(usize::MAX);
    }
    blocks.into_iter().for_each(Block::free);
}
