namespace Fetch.Build.Core.Integrity;

/// <summary>Parses the digest metadata forms of SPEC §2: hex (any case) and SRI.</summary>
internal static class DigestParser
{
    /// <summary>Parses a hex digest; returns null with a reason when it is not valid for the algorithm.</summary>
    public static ExpectedDigest? ParseHex(DigestAlgorithm algorithm, string text, out string? error)
    {
        var trimmed = text.Trim();
        var expectedLength = algorithm.Length() * 2;
        if (trimmed.Length != expectedLength || !trimmed.All(Uri.IsHexDigit))
        {
            error = $"{algorithm.DisplayName()} must be {expectedLength} hexadecimal characters, got '{Shorten(trimmed)}'";
            return null;
        }

        error = null;
        return new ExpectedDigest(algorithm, trimmed.ToLowerInvariant());
    }

    /// <summary>
    /// Parses Subresource-Integrity metadata: one or more <c>alg-base64</c> tokens separated by
    /// white space. Unlike a browser we require every token to match, as for the other digests.
    /// </summary>
    public static IReadOnlyList<ExpectedDigest>? ParseIntegrity(string text, out string? error)
    {
        var result = new List<ExpectedDigest>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = token.IndexOf('-', StringComparison.Ordinal);
            var algorithm = dash < 0 ? null : ParseSriAlgorithm(token[..dash]);
            if (algorithm is null)
            {
                error = $"Integrity must look like sha256-<base64>, sha384-<base64> or sha512-<base64>, got '{Shorten(token)}'";
                return null;
            }

            var bytes = TryBase64(token[(dash + 1)..]);
            if (bytes is null || bytes.Length != algorithm.Value.Length())
            {
                error = $"Integrity value '{Shorten(token)}' is not a base64 {algorithm.Value.DisplayName()} digest";
                return null;
            }

            result.Add(new ExpectedDigest(algorithm.Value, Convert.ToHexString(bytes).ToLowerInvariant()));
        }

        if (result.Count == 0)
        {
            error = "Integrity is empty";
            return null;
        }

        error = null;
        return result;
    }

    private static DigestAlgorithm? ParseSriAlgorithm(string name) => name.ToLowerInvariant() switch
    {
        "sha256" => DigestAlgorithm.Sha256,
        "sha384" => DigestAlgorithm.Sha384,
        "sha512" => DigestAlgorithm.Sha512,
        _ => null,
    };

    private static byte[]? TryBase64(string text)
    {
        // SRI values are base64; accept the URL-safe alphabet too, as some tools print it.
        var normal = text.Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(normal);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
}
