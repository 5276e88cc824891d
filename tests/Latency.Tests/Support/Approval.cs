using System.Runtime.CompilerServices;
using System.Text;

namespace Latency.Tests.Support;

/// <summary>
/// Approved-file checks: the received text must equal Approved/NAME byte for byte. On a difference (or no approved
/// file yet) the received text is written next to it as NAME.received.EXT and the failure says how to approve it.
/// </summary>
internal static class Approval
{
    public static void Verify(string received, string approvedName, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Approved");
        var approvedPath = Path.Combine(folder, approvedName);
        var receivedPath = Path.Combine(folder,
            Path.GetFileNameWithoutExtension(approvedName) + ".received" + Path.GetExtension(approvedName));
        var receivedBytes = new UTF8Encoding(false).GetBytes(received);
        if (File.Exists(approvedPath) && File.ReadAllBytes(approvedPath).AsSpan().SequenceEqual(receivedBytes))
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllBytes(receivedPath, receivedBytes);
        var why = File.Exists(approvedPath) ? "differs from the approved file" : "has no approved file yet";
        Assert.Fail($"{approvedName} {why}.\n  received: {receivedPath}\n  approved: {approvedPath}\n" +
                    $"Compare them (diff -u '{approvedPath}' '{receivedPath}'); if the change is intended, approve it with\n" +
                    $"  mv '{receivedPath}' '{approvedPath}'\nand commit the approved file.");
    }
}
