//! The linear models crosscheck learns ([`crate::link::pairs`],
//! [`crate::analyze::checkworthy`]) keep their weights by signal name in
//! their JSON files (readable, and a signal added later reads as weight 0
//! from an older file) and score with them in signal order.

/// Weights in the order of `names`, from `(name, weight)` pairs; names the
/// model file lacks weigh 0, names it has that `names` lacks are ignored.
pub fn dense<const N: usize>(names: &[&str], weights: &[(String, f64)]) -> [f64; N] {
    let mut w = [0.0; N];
    for (name, value) in weights {
        if let Some(i) = names.iter().position(|f| f == name) {
            w[i] = *value;
        }
    }
    w
}

/// `(name, weight)` pairs from weights in the order of `names`.
pub fn by_name<const N: usize>(names: &[&str], w: &[f64; N]) -> Vec<(String, f64)> {
    names
        .iter()
        .zip(w)
        .map(|(n, v)| ((*n).to_string(), *v))
        .collect()
}

/// The logistic of `bias + w · x`.
pub fn logistic<const N: usize>(w: &[f64; N], bias: f64, x: &[f64; N]) -> f64 {
    let z = bias + w.iter().zip(x).map(|(w, x)| w * x).sum::<f64>();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_weigh_nothing() {
        let names = ["a", "b", "c"];
        let w = [1.0, -2.0, 0.5];
        assert_eq!(dense::<3>(&names, &by_name(&names, &w)), w);
        let old = vec![("b".to_string(), 3.0), ("gone".to_string(), 9.0)];
        assert_eq!(dense::<3>(&names, &old), [0.0, 3.0, 0.0]);
        assert!((logistic(&[0.0; 3], 0.0, &w) - 0.5).abs() < 1e-12);
    }
}
