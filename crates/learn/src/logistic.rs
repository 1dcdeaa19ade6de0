//! Weighted, L2-regularised logistic regression fitted by Newton's method
//! (iteratively reweighted least squares).
//!
//! Written here rather than taken from a crate: the pairwise model has a
//! dozen signals and a few thousand pairs, so a dense Newton step is a
//! 13 × 13 solve; the ML crates that offer it (linfa, smartcore) bring
//! ndarray or their own matrix types and minutes of build for these sixty
//! lines, and this one is deterministic to the bit.

// Index loops here read as the matrix algebra they implement.
/// Fits `P(y) = σ(bias + w·x)` to rows `x` with labels `y` and row weights
/// `weight`, penalising `l2 · |w|²` (not the bias). Returns `(w, bias)`.
#[allow(clippy::needless_range_loop)]
pub fn fit<const N: usize>(x: &[[f64; N]], y: &[bool], weight: &[f64], l2: f64) -> ([f64; N], f64) {
    let d = N + 1;
    // beta[0] is the bias.
    let mut beta = vec![0.0f64; d];
    for _ in 0..50 {
        let mut grad = vec![0.0f64; d];
        let mut hess = vec![vec![0.0f64; d]; d];
        for ((row, &label), &wt) in x.iter().zip(y).zip(weight) {
            let z = beta[0] + row.iter().zip(&beta[1..]).map(|(a, b)| a * b).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let r = wt * (p - f64::from(u8::from(label)));
            let s = wt * p * (1.0 - p);
            let xi = |i: usize| if i == 0 { 1.0 } else { row[i - 1] };
            for i in 0..d {
                grad[i] += r * xi(i);
                for j in 0..=i {
                    hess[i][j] += s * xi(i) * xi(j);
                }
            }
        }
        for i in 0..d {
            for j in 0..i {
                hess[j][i] = hess[i][j];
            }
            if i > 0 {
                grad[i] += 2.0 * l2 * beta[i];
                hess[i][i] += 2.0 * l2;
            } else {
                // A whisper of ridge on the bias keeps a one-class sample solvable.
                hess[0][0] += 1e-9;
            }
        }
        let Some(step) = solve(hess, grad) else { break };
        let mut moved = 0.0f64;
        for (b, s) in beta.iter_mut().zip(&step) {
            *b -= s;
            moved = moved.max(s.abs());
        }
        if moved < 1e-10 {
            break;
        }
    }
    let mut w = [0.0; N];
    w.copy_from_slice(&beta[1..]);
    (w, beta[0])
}

/// Solves `a · x = b` by Gaussian elimination with partial pivoting; `None`
/// when `a` is singular.
#[allow(clippy::needless_range_loop)]
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-300 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            if f != 0.0 {
                for k in col..n {
                    a[row][k] -= f * a[col][k];
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_separating_direction() {
        // y = 1 when x0 > 0.5; x1 is noise.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let a = f64::from(i % 20) / 19.0;
            let b = f64::from((i * 7) % 13) / 12.0;
            x.push([a, b]);
            y.push(a > 0.5);
        }
        let w8 = vec![1.0; x.len()];
        let (w, bias) = fit(&x, &y, &w8, 0.01);
        assert!(w[0] > 5.0, "{w:?}");
        assert!(w[1].abs() < w[0] / 5.0, "{w:?}");
        // The boundary sits near 0.5.
        assert!((-bias / w[0] - 0.5).abs() < 0.1, "{bias} {w:?}");
    }

    #[test]
    fn row_weights_move_the_boundary() {
        let x: Vec<[f64; 1]> = (0..100).map(|i| [f64::from(i) / 99.0]).collect();
        // Labels overlap in the middle; weighting the positives pulls the
        // boundary towards them.
        let y: Vec<bool> = (0..100)
            .map(|i| i >= 40 && (i >= 60 || i % 2 == 0))
            .collect();
        let even = vec![1.0; 100];
        let heavy: Vec<f64> = y.iter().map(|&l| if l { 4.0 } else { 1.0 }).collect();
        let (w1, b1) = fit(&x, &y, &even, 0.001);
        let (w2, b2) = fit(&x, &y, &heavy, 0.001);
        assert!(-b2 / w2[0] < -b1 / w1[0]);
    }

    #[test]
    fn a_constant_column_gets_no_weight() {
        let x: Vec<[f64; 2]> = (0..50).map(|i| [f64::from(i) / 49.0, 0.0]).collect();
        let y: Vec<bool> = (0..50).map(|i| i > 25).collect();
        let (w, _) = fit(&x, &y, &vec![1.0; 50], 0.1);
        assert_eq!(w[1], 0.0);
    }
}
