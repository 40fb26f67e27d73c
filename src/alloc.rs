//! The wasm build's global allocator, in place of std's dlmalloc (about 5 KB of the wasm).
//! The wasm is single-threaded, so the state is a plain cell.
//!
//! Rust hands the layout back on `dealloc` and `realloc`, so blocks carry no header:
//! - a *small* block (at most 4 KB, alignment at most 8) has one of 32 size classes
//!   (8, 16, 24, 32, then four per power of two up to 4096). Each class keeps the list
//!   of its freed blocks, threaded through the blocks themselves; a class whose list is
//!   empty cuts a new block from the current *run*, a 16 KB span of the large heap.
//! - any other block is *large*: its size rounded up to 8 bytes only (a 30 MB text
//!   takes 30 MB), taken first-fit from one list of free spans kept in address order,
//!   so that a freed span merges with its neighbours and can serve any later request,
//!   small runs included. When no span fits, the memory grows (`memory.grow`) by the
//!   pages missing above the highest free span; a large block at the top of the memory
//!   or below a free span grows in place.

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;
use core::ptr::{self, null_mut};

/// Every block and span starts and ends on a multiple of this.
const GRAIN: usize = 8;
/// The largest small block.
const SMALL_MAX: usize = 4096;
const CLASSES: usize = 32;
/// What a class takes from the large heap at a time, shared by all classes.
const RUN: usize = 16 * 1024;
const PAGE: usize = 65536;

/// A free span of the large heap, stored in its own first bytes.
struct Span {
    size: usize,
    /// The next free span, at a higher address (or null).
    next: *mut Span,
}

struct State {
    /// Per class, the last freed block; each free block's first word is the next.
    free: [*mut u8; CLASSES],
    /// The free spans of the large heap, lowest address first.
    spans: *mut Span,
    /// What is left of the current run: `[run, run_end)`.
    run: usize,
    run_end: usize,
}

/// The allocator (`#[global_allocator]` in lib.rs).
pub struct Heap(UnsafeCell<State>);

// SAFETY: the wasm has one thread, so the state is never shared between threads.
unsafe impl Sync for Heap {}

impl Heap {
    pub const fn new() -> Self {
        Heap(UnsafeCell::new(State { free: [null_mut(); CLASSES], spans: null_mut(), run: 0, run_end: 0 }))
    }
}

impl Default for Heap {
    fn default() -> Self {
        Self::new()
    }
}

fn is_small(size: usize, align: usize) -> bool {
    size <= SMALL_MAX && align <= GRAIN
}

/// The class of a small request of `size` bytes and its block size.
fn class(size: usize) -> (usize, usize) {
    if size <= 32 {
        let i = size.saturating_sub(1) >> 3;
        return (i, (i + 1) * GRAIN);
    }
    // 2^e < size ≤ 2^(e+1), e ≥ 5: four classes 2^(e-2) apart.
    let e = (usize::BITS - 1 - (size - 1).leading_zeros()) as usize;
    let n = ((size - 1) >> (e - 2)) + 1; // 5..=8
    ((e - 5) * 4 + n - 1, n << (e - 2))
}

/// The bytes a large block of `size` takes.
fn large(size: usize) -> usize {
    size.max(1).wrapping_add(GRAIN - 1) & !(GRAIN - 1)
}

fn memory_end() -> usize {
    wasm32::memory_size(0).wrapping_mul(PAGE)
}

impl State {
    /// A large block of `size` bytes (a multiple of 8) aligned to `align` (at least 8).
    unsafe fn take(&mut self, size: usize, align: usize) -> *mut u8 {
        loop {
            let mut link: *mut *mut Span = &mut self.spans;
            let mut last: *mut Span = null_mut();
            while !(*link).is_null() {
                let span = *link;
                let start = span as usize;
                let end = start + (*span).size;
                let at = start.wrapping_add(align - 1) & !(align - 1);
                if at >= start && at <= end && size <= end - at {
                    let next = (*span).next;
                    // What is left above the block stays free, then what is left below.
                    let above = if at + size < end {
                        let rest = (at + size) as *mut Span;
                        (*rest).size = end - at - size;
                        (*rest).next = next;
                        rest
                    } else {
                        next
                    };
                    if at > start {
                        (*span).size = at - start;
                        (*span).next = above;
                    } else {
                        *link = above;
                    }
                    return at as *mut u8;
                }
                last = span;
                link = &mut (*span).next;
            }
            // Nothing fits: grow the memory by what the highest span (if it reaches the
            // end of the memory) lacks, then look again.
            let top = memory_end();
            let base =
                if !last.is_null() && last as usize + (*last).size == top { last as usize } else { top };
            let at = base.wrapping_add(align - 1) & !(align - 1);
            if at < base || !self.grow(at.saturating_add(size).saturating_sub(top)) {
                return null_mut();
            }
        }
    }

    /// Grows the memory by at least `bytes` and frees what it gained.
    unsafe fn grow(&mut self, bytes: usize) -> bool {
        let pages = bytes.div_ceil(PAGE);
        let old = wasm32::memory_grow(0, pages);
        if old == usize::MAX {
            return false;
        }
        self.give(old * PAGE, pages * PAGE);
        true
    }

    /// Frees the span `[at, at + size)` (size a multiple of 8), merging it with free neighbours.
    unsafe fn give(&mut self, at: usize, size: usize) {
        let mut prev: *mut Span = null_mut();
        let mut next = self.spans;
        while !next.is_null() && (next as usize) < at {
            prev = next;
            next = (*next).next;
        }
        let span = at as *mut Span;
        (*span).size = size;
        (*span).next = next;
        if !next.is_null() && at + size == next as usize {
            (*span).size += (*next).size;
            (*span).next = (*next).next;
        }
        if prev.is_null() {
            self.spans = span;
        } else if prev as usize + (*prev).size == at {
            (*prev).size += (*span).size;
            (*prev).next = (*span).next;
        } else {
            (*prev).next = span;
        }
    }

    /// Resizes the large block `[at, at + old)` to `new` bytes where it is, if it can:
    /// a shrink frees the tail; a growth takes from the free span right above, growing
    /// the memory when the block or that span ends at its end.
    unsafe fn resize(&mut self, at: usize, old: usize, new: usize) -> bool {
        let end = at + old;
        if new <= old {
            if new < old {
                self.give(at + new, old - new);
            }
            return true;
        }
        let extra = new - old;
        loop {
            let mut link: *mut *mut Span = &mut self.spans;
            while !(*link).is_null() && (*link as usize) < end {
                link = &mut (**link).next;
            }
            let span = *link;
            let free = if !span.is_null() && span as usize == end { (*span).size } else { 0 };
            if free >= extra {
                *link = if free > extra {
                    let rest = (end + extra) as *mut Span;
                    (*rest).size = free - extra;
                    (*rest).next = (*span).next;
                    rest
                } else {
                    (*span).next
                };
                return true;
            }
            if end + free != memory_end() || !self.grow(extra - free) {
                return false;
            }
        }
    }

    unsafe fn alloc_small(&mut self, size: usize) -> *mut u8 {
        let (c, block) = class(size);
        let head = self.free[c];
        if !head.is_null() {
            self.free[c] = *(head as *mut *mut u8);
            return head;
        }
        if self.run_end - self.run < block {
            if self.run_end > self.run {
                self.give(self.run, self.run_end - self.run);
            }
            let run = self.take(RUN, GRAIN) as usize;
            if run == 0 {
                self.run = self.run_end;
                return null_mut();
            }
            self.run = run;
            self.run_end = run + RUN;
        }
        let block_at = self.run;
        self.run += block;
        block_at as *mut u8
    }

    unsafe fn free_small(&mut self, block: *mut u8, size: usize) {
        let c = class(size).0;
        *(block as *mut *mut u8) = self.free[c];
        self.free[c] = block;
    }
}

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let state = &mut *self.0.get();
        if is_small(layout.size(), layout.align()) {
            state.alloc_small(layout.size())
        } else {
            state.take(large(layout.size()), layout.align().max(GRAIN))
        }
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        let state = &mut *self.0.get();
        if is_small(layout.size(), layout.align()) {
            state.free_small(block, layout.size());
        } else {
            state.give(block as usize, large(layout.size()));
        }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let small = is_small(layout.size(), layout.align());
        if small == is_small(new_size, layout.align()) {
            let state = &mut *self.0.get();
            let kept = if small {
                class(layout.size()).0 == class(new_size).0
            } else {
                state.resize(block as usize, large(layout.size()), large(new_size))
            };
            if kept {
                return block;
            }
        }
        let moved = self.alloc(Layout::from_size_align_unchecked(new_size, layout.align()));
        if !moved.is_null() {
            ptr::copy_nonoverlapping(block, moved, layout.size().min(new_size));
            self.dealloc(block, layout);
        }
        moved
    }
}
