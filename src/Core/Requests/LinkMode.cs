namespace Fetch.Build.Core.Requests;

/// <summary>How content reaches a destination from the cache (FetchLinkMode).</summary>
public enum LinkMode
{
    Copy,
    HardLink,
}
