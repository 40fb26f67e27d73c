//! Stable sorting with one compiled sort for the whole widget.
//!
//! `slice::sort_by` and `sort_by_key` are generic over the element and the comparison, so
//! every call site compiles its own copy of the standard library's driftsort (about 4 KB of
//! wasm each). Here the sort itself is one non-generic merge sort of indices that asks a
//! `&dyn Fn` which of two indices goes first; what each call site still compiles is the
//! few instructions that compare two elements and move them into the sorted order.

use std::cmp::Ordering;

/// The stable sorted order of `0..n`: `order[k]` is the index that goes to position `k`.
/// `cmp(i, j)` compares the items at indices `i` and `j`; items that compare equal keep
/// their index order. O(n log n) comparisons (a bottom-up merge sort, with a linear pass
/// when the input is already in order).
pub fn order_by(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    if (1..n).all(|k| cmp(k - 1, k) != Ordering::Greater) {
        return a;
    }
    let mut b = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j) = (lo, mid);
            for slot in &mut b[lo..hi] {
                // Take from the right run only when it is strictly less: stability.
                if j < hi && (i == mid || cmp(a[j], a[i]) == Ordering::Less) {
                    *slot = a[j];
                    j += 1;
                } else {
                    *slot = a[i];
                    i += 1;
                }
            }
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Sorts `v` stably by `cmp`, like `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = order_by(v.len(), &|i, j| cmp(&v[i], &v[j]));
    permute(v, order);
}

/// Sorts `v` stably by `key`, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Rearranges `v` so that position `k` holds what was at `order[k]` (`order` a
/// permutation of `0..v.len()`), by following each cycle of the permutation with swaps.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut pos = start;
        while order[pos] != pos {
            let next = order[pos];
            order[pos] = pos;
            if next == start {
                break;
            }
            v.swap(pos, next);
            pos = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random numbers below `m`.
    fn numbers(len: usize, m: u64, seed: u64) -> Vec<u64> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                (x >> 33) % m
            })
            .collect()
    }

    #[test]
    fn agrees_with_the_standard_stable_sort_ties_included() {
        for (len, m) in [(0, 1), (1, 5), (2, 2), (3, 2), (7, 3), (33, 4), (100, 10), (257, 1000), (1000, 7)] {
            for seed in 1..4 {
                // (key, original position): equal keys must keep their original order.
                let items: Vec<(u64, usize)> = numbers(len, m, seed).into_iter().zip(0..).collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |p| p.0);
                let mut want = items.clone();
                want.sort_by_key(|p| p.0);
                assert_eq!(ours, want, "len {len}, keys below {m}, seed {seed}");
                let mut desc = items.clone();
                sort_by(&mut desc, |a, b| b.0.cmp(&a.0));
                let mut want = items;
                want.sort_by_key(|p| std::cmp::Reverse(p.0));
                assert_eq!(desc, want, "descending, len {len}");
            }
        }
    }

    #[test]
    fn order_is_a_stable_permutation() {
        let keys = [3, 1, 2, 1, 3, 0];
        assert_eq!(order_by(keys.len(), &|i, j| keys[i].cmp(&keys[j])), [5, 1, 3, 2, 0, 4]);
        // Already sorted, and all equal: the identity.
        assert_eq!(order_by(4, &|i, j| i.cmp(&j)), [0, 1, 2, 3]);
        assert_eq!(order_by(4, &|_, _| Ordering::Equal), [0, 1, 2, 3]);
        assert_eq!(order_by(0, &|_, _| unreachable!()), Vec::<usize>::new());
    }

    #[test]
    fn sorts_owned_values_without_losing_or_duplicating_any() {
        let mut words: Vec<String> =
            ["pear", "fig", "apple", "kiwi", "date", "plum"].iter().map(|s| s.to_string()).collect();
        sort_by_key(&mut words, |w| w.len());
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "plum", "apple"]);
        let mut floats = vec![2.5, -1.0, f64::NAN, 0.0, -0.0, 10.0];
        sort_by(&mut floats, |a, b| a.total_cmp(b));
        let bits: Vec<u64> = floats.iter().map(|f| f.to_bits()).collect();
        let mut want = [2.5, -1.0, f64::NAN, 0.0, -0.0, 10.0];
        want.sort_by(|a, b| a.total_cmp(b));
        assert_eq!(bits, want.iter().map(|f| f.to_bits()).collect::<Vec<_>>());
    }
}
