using System.Net.Http.Headers;
using System.Text;

namespace Fetch.Build.Core.Credentials;

/// <summary>User-info written in a URL (<c>user:secret@</c>): Basic credentials for that URL's origin.</summary>
internal static class UserInfo
{
    /// <summary>The Basic Authorization value the URL's user-info gives, or null when it has none.</summary>
    public static AuthenticationHeaderValue? BasicOf(Uri url)
    {
        if (url.IsFile || string.IsNullOrEmpty(url.UserInfo))
        {
            return null;
        }

        var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
        var password = colon < 0 ? string.Empty : Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
    }

    /// <summary>The URL without its user-info, as it is requested.</summary>
    public static Uri Strip(Uri url) =>
        string.IsNullOrEmpty(url.UserInfo) ? url : new UriBuilder(url) { UserName = string.Empty, Password = string.Empty }.Uri;
}
