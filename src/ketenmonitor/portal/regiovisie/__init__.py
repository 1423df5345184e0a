# SPDX-License-Identifier: EUPL-1.2
"""The regiovisie in the portal: structure, norms, lights, activities, budget and reports."""
