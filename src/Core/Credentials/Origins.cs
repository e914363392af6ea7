namespace Fetch.Build.Core.Credentials;

/// <summary>The same-origin rule credentials follow: scheme, host and port all equal (as browsers decide where a cookie goes).</summary>
internal static class Origins
{
    public static bool Same(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;
}
