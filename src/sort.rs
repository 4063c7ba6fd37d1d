//! One stable sort for the crate and the page.
//!
//! `slice::sort_by` and `sort_by_key` are generic: every element type and
//! every comparison closure gets its own copy of the standard library's
//! stable sort (drift sort, quicksort, small sorts: about 4 KB of wasm
//! each), and the page had eleven. These sort a list of indices instead,
//! through a single non-generic function with a `dyn` comparison, then
//! move the elements into place: one copy of the sort in the binary. The
//! order is that of `slice::sort_by` (stable).

use core::cmp::Ordering;

/// Sorts `v` stably by `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let v: &[T] = v;
        sort_indices(&mut order, &|a, b| match (v.get(a), v.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `key` (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instance of the standard library's stable sort.
#[inline(never)]
fn sort_indices(order: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| cmp(*a, *b));
}

/// Puts `v[order[i]]` at `i` for every `i`, in place, following each cycle
/// of the permutation (`order` is used up).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(from) = order.get_mut(at).map(|o| core::mem::replace(o, at)) {
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_library() {
        let mut seed = 7u64;
        for len in 0..200usize {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std_ = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            std_.sort_by_key(|x| x.0);
            assert_eq!(ours, std_, "len {len}");
            let mut ours = v.clone();
            let mut std_ = v;
            let desc = |a: &(u8, usize), b: &(u8, usize)| b.0.cmp(&a.0);
            sort_by(&mut ours, desc);
            std_.sort_by(desc);
            assert_eq!(ours, std_, "len {len}");
        }
    }
}
