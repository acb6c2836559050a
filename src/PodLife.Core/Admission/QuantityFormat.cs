namespace PodLife.Core.Admission;

/// <summary>How a quantity prints: its suffix family, taken from the suffix it was written with.</summary>
public enum QuantityFormat
{
    /// <summary>Powers of ten with SI suffixes (n, u, m, k, M, G, T, P, E).</summary>
    DecimalSI,
    /// <summary>Powers of two (Ki, Mi, Gi, Ti, Pi, Ei).</summary>
    BinarySI,
    /// <summary>Scientific notation (e3, E-6).</summary>
    DecimalExponent,
}
