# bin_install: after each build, copies the programs into bin/ at the top
# of the build tree so that they can be run and tested without installing.
all-local: bin_install
bin_install: keepalived/keepalived$(EXEEXT) genhash/genhash$(EXEEXT)
	$(AM_V_at)$(MKDIR_P) $(top_builddir)/bin
	$(AM_V_GEN)for p in $^; do \
		cp -f $$p $(top_builddir)/bin/ || exit 1; \
	done
clean-local: bin_install_clean
bin_install_clean:
	rm -rf $(top_builddir)/bin
.PHONY: bin_install bin_install_clean
