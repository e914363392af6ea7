namespace Fetch.Build.Core.Integrity;

/// <summary>A digest the user declared. <see cref="Hex"/> is lower-case.</summary>
internal sealed record ExpectedDigest(DigestAlgorithm Algorithm, string Hex)
{
    public override string ToString() => $"{Algorithm.DisplayName()} {Hex}";
}
