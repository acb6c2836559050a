using PodLife.Node.Runtime.Simulated.Processes;

namespace PodLife.Node.Runtime.Simulated.Shell;

// An interactive shell (`kubectl exec -it POD -- sh`): prompt, read a line, run it, until exit or the end of input. A
// shell reading a pipe (`kubectl run -i … -- sh`) runs each line as it arrives too, without a prompt.
internal sealed partial class ShellInterpreter
{
    /// <summary>Runs lines from <paramref name="input"/> one by one; returns the exit status.</summary>
    /// <param name="interactive">On a terminal: a prompt before each line, and a syntax error does not end the shell.</param>
    public async Task<int> RunInteractiveAsync(StreamedInput input, ShellIo io, bool interactive = true)
    {
        while (true)
        {
            // busybox ash's default PS1 for root is '\w # ', written to stderr (the terminal).
            if (interactive) io.Err.Write($"{process.WorkingDirectory} # ");
            if (await input.ReadLineAsync(process).ConfigureAwait(false) is not { } line) return LastStatus;
            try
            {
                // The commands it runs have the terminal, but the lines typed are the shell's own.
                LastStatus = await RunListAsync(ShellParser.Parse(line), io with { Input = null, Typed = true }).ConfigureAwait(false);
            }
            catch (ShellExitException e)
            {
                return e.Code;
            }
            catch (ShellSyntaxException e)
            {
                // An interactive shell reports the error and goes on; one reading a pipe exits.
                io.Err.Write($"{_shellName}: {e.Message}\n");
                LastStatus = 2;
                if (!interactive) return LastStatus;
            }
        }
    }
}
