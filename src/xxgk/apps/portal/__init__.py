"""The public portal: applying online for government information and following one's case."""
