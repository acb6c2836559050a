using k8s.Models;
using PodLife.Core.Printing;
using static PodLife.Core.Tests.Printing.Statuses;

namespace PodLife.Core.Tests.Printing;

// printers.go printNamespace: NAME STATUS AGE, status is the phase as stored.
public class NamespaceRowTests
{
    [Theory]
    [InlineData("Active", "default | Active | 21h")]
    [InlineData("Terminating", "default | Terminating | 21h")]
    [InlineData(null, "default |  | 21h")]
    public void PrintsNameStatusAndAge(string? phase, string expected)
    {
        var ns = new V1Namespace
        {
            Metadata = new V1ObjectMeta { Name = "default", CreationTimestamp = Ago(TimeSpan.FromHours(21)) },
            Status = new V1NamespaceStatus { Phase = phase },
        };
        Assert.Equal(expected, string.Join(" | ", NamespaceRow.From(ns, Now).Cells()));
    }
}
